package io.wardgate.driver.datex;

import aQute.bnd.annotation.Resolution;
import aQute.bnd.annotation.spi.ServiceProvider;
import io.wardgate.api.driver.DeviceDriver;
import io.wardgate.api.driver.FlowControl;
import io.wardgate.api.driver.LineSettings;
import io.wardgate.api.driver.Parity;
import io.wardgate.api.driver.ProtocolSession;
import io.wardgate.api.driver.SerialDriver;
import io.wardgate.api.driver.StopBits;
import org.osgi.service.component.annotations.Component;

/** GE Datex-Ohmeda S/5 Computer Interface ("datex"): S/5 AM/CAM, CARESCAPE B450/B650/B850 and others. */
@Component(property = DeviceDriver.PROTOCOL + "=" + DatexDriver.NAME)
@ServiceProvider(value = SerialDriver.class, resolution = Resolution.OPTIONAL)
public final class DatexDriver implements SerialDriver {
    public static final String NAME = "datex";

    @Override
    public String protocol() {
        return NAME;
    }

    @Override
    public String description() {
        return "GE Datex-Ohmeda S/5 Computer Interface (S/5, CARESCAPE B450/B650/B850): displayed values,"
                + " 10 s trends, ECG/pleth/IBP/CO2 waves, alarms";
    }

    /** 19200 bit/s, 8 data bits, even parity, 1 stop bit, RTS/CTS (M1017617, "Line parameters"). */
    @Override
    public LineSettings line() {
        return new LineSettings(19_200, 8, Parity.EVEN, StopBits.ONE, FlowControl.RTS_CTS);
    }

    @Override
    public ProtocolSession openSession() {
        return new DatexSession();
    }
}
