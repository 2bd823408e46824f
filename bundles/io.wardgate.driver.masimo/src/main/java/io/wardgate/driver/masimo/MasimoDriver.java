package io.wardgate.driver.masimo;

import aQute.bnd.annotation.Resolution;
import aQute.bnd.annotation.spi.ServiceProvider;
import io.wardgate.api.driver.DeviceDriver;
import io.wardgate.api.driver.LineSettings;
import io.wardgate.api.driver.ProtocolSession;
import io.wardgate.api.driver.SerialDriver;
import org.osgi.service.component.annotations.Component;

/** Masimo Radical-7 / Rad-8 / Rad-97 serial "ASCII 1" ("masimo"). */
@Component(property = DeviceDriver.PROTOCOL + "=" + MasimoDriver.NAME)
@ServiceProvider(value = SerialDriver.class, resolution = Resolution.OPTIONAL)
public final class MasimoDriver implements SerialDriver {
    public static final String NAME = "masimo";

    @Override
    public String protocol() {
        return NAME;
    }

    @Override
    public String description() {
        return "Masimo Radical-7, Rad-8, Rad-97 serial ASCII 1 (SpO2, pulse rate, PI and more, once a second)";
    }

    @Override
    public LineSettings line() {
        return LineSettings.eightNOne(9_600);
    }

    @Override
    public ProtocolSession openSession() {
        return new MasimoSession();
    }
}
