package io.wardgate.driver.medibus;

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

/** Draeger MEDIBUS over RS 232 ("medibus"): Evita, Savina, Babylog ventilators, Fabius and Apollo anaesthesia machines. */
@Component(property = DeviceDriver.PROTOCOL + "=" + MedibusDriver.NAME)
@ServiceProvider(value = SerialDriver.class, resolution = Resolution.OPTIONAL)
public final class MedibusDriver implements SerialDriver {
    public static final String NAME = "medibus";

    @Override
    public String protocol() {
        return NAME;
    }

    @Override
    public String description() {
        return "Draeger MEDIBUS (ventilators, anaesthesia machines): measured data code pages 1 and 2, settings,"
                + " alarms, device identification, realtime curves";
    }

    /** 19200 8E1 as an Evita 4 is set; the line is chosen on the device (9600 8E1 on an Apollo). */
    @Override
    public LineSettings line() {
        return new LineSettings(19_200, 8, Parity.EVEN, StopBits.ONE, FlowControl.NONE);
    }

    @Override
    public ProtocolSession openSession() {
        return new MedibusSession();
    }
}
