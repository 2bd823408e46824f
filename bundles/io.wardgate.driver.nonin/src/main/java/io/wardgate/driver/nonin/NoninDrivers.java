package io.wardgate.driver.nonin;

import aQute.bnd.annotation.Resolution;
import aQute.bnd.annotation.spi.ServiceProvider;
import io.wardgate.api.driver.DeviceDriver;
import io.wardgate.api.driver.LineSettings;
import io.wardgate.api.driver.ProtocolSession;
import io.wardgate.api.driver.SerialDriver;
import org.osgi.service.component.annotations.Component;

/** The Nonin pulse oximeter drivers: one per data format, as the device is set to one format at a time. */
public final class NoninDrivers {
    private NoninDrivers() {
    }

    /** Data format 7 ("nonin-df7"): 75 Hz 16-bit pleth, pulse rate and SpO2 three times a second. */
    @Component(property = DeviceDriver.PROTOCOL + "=" + Df7Driver.NAME)
    @ServiceProvider(value = SerialDriver.class, resolution = Resolution.OPTIONAL)
    public static final class Df7Driver implements SerialDriver {
        public static final String NAME = "nonin-df7";

        @Override
        public String protocol() {
            return NAME;
        }

        @Override
        public String description() {
            return "Nonin pulse oximeters (e.g. Onyx II 9560, OEM modules), data format 7 (SpO2, pulse rate, 75 Hz pleth)";
        }

        @Override
        public LineSettings line() {
            return LineSettings.eightNOne(9_600);
        }

        @Override
        public ProtocolSession openSession() {
            Df7 df7 = new Df7();
            return new NoninSession(DataFormat.DF7, df7, df7);
        }
    }

    /** Data format 8 ("nonin-df8"): pulse rate and SpO2 (display values) once a second. */
    @Component(property = DeviceDriver.PROTOCOL + "=" + Df8Driver.NAME)
    @ServiceProvider(value = SerialDriver.class, resolution = Resolution.OPTIONAL)
    public static final class Df8Driver implements SerialDriver {
        public static final String NAME = "nonin-df8";

        @Override
        public String protocol() {
            return NAME;
        }

        @Override
        public String description() {
            return "Nonin pulse oximeters, data format 8 (SpO2 and pulse rate display values, once a second)";
        }

        @Override
        public LineSettings line() {
            return LineSettings.eightNOne(9_600);
        }

        @Override
        public ProtocolSession openSession() {
            Df8 df8 = new Df8();
            return new NoninSession(DataFormat.DF8, df8, new Df8Confirmation(df8));
        }
    }
}
