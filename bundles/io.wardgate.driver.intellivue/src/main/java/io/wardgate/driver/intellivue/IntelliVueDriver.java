package io.wardgate.driver.intellivue;

import aQute.bnd.annotation.Resolution;
import aQute.bnd.annotation.spi.ServiceProvider;
import io.wardgate.api.driver.DeviceDriver;
import io.wardgate.api.driver.LineSettings;
import io.wardgate.api.driver.ProtocolSession;
import io.wardgate.api.driver.SerialDriver;
import org.osgi.service.component.annotations.Component;

/** Philips IntelliVue Data Export over MIB/RS232, host side ("intellivue"). */
@Component(property = DeviceDriver.PROTOCOL + "=" + IntelliVueDriver.NAME)
@ServiceProvider(value = SerialDriver.class, resolution = Resolution.OPTIONAL)
public final class IntelliVueDriver implements SerialDriver {
    public static final String NAME = "intellivue";

    @Override
    public String protocol() {
        return NAME;
    }

    @Override
    public String description() {
        return "Philips IntelliVue MP/MX monitors, Data Export over MIB/RS232 (numerics, waves, identity, alerts)";
    }

    /** The monitor's MIB port set to "Fix 115200" (docs/devices.md). */
    @Override
    public LineSettings line() {
        return LineSettings.eightNOne(115_200);
    }

    @Override
    public ProtocolSession openSession() {
        return new IntelliVueSession();
    }
}
