package io.wardgate.driver.gatt;

import aQute.bnd.annotation.Resolution;
import aQute.bnd.annotation.spi.ServiceProvider;
import io.wardgate.api.driver.DeviceDriver;
import io.wardgate.api.driver.GattDriver;
import io.wardgate.api.driver.GattResult;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/** The Bluetooth SIG GATT health profiles ("gatt"): one driver for the whole family. */
@Component(property = DeviceDriver.PROTOCOL + "=" + GattHealthDriver.NAME)
@ServiceProvider(value = GattDriver.class, resolution = Resolution.OPTIONAL)
public final class GattHealthDriver implements GattDriver {
    public static final String NAME = "gatt";

    @Override
    public String protocol() {
        return NAME;
    }

    @Override
    public String description() {
        return "Bluetooth LE GATT health profiles: heart rate, health thermometer, blood pressure, pulse oximeter,"
                + " glucose, weight scale";
    }

    @Override
    public Set<String> characteristics() {
        return Set.copyOf(GattDecoders.supportedCharacteristics());
    }

    @Override
    public Set<String> services() {
        return Set.copyOf(GattDecoders.supportedServices());
    }

    @Override
    public GattResult decode(String characteristic, byte[] value, Instant receivedAt, ZoneId deviceZone) {
        return GattDecoders.decode(characteristic, value, receivedAt, deviceZone);
    }
}
