package io.wardgate.serial;

import io.wardgate.api.driver.FlowControl;
import io.wardgate.api.driver.Parity;
import io.wardgate.api.driver.StopBits;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** The configuration of one serial port (factory PID {@value #PID}): one configuration per port. */
@ObjectClassDefinition(
        id = PortConfig.PID,
        name = "WardGate serial port",
        description = "One serial port with one bedside device on it: how to drive the line, which protocol the"
                + " device speaks, which device is expected there, and where it stands. Changes re-open the port.")
public @interface PortConfig {
    String PID = "io.wardgate.serial.Port";

    @AttributeDefinition(name = "Port path",
            description = "Absolute path of the serial device, at most 128 characters of letters, digits and"
                    + " ._-:+@=,/ . Prefer a stable udev name (/dev/serial/by-id/..., /dev/serial/by-path/..., or"
                    + " a symlink your udev rule makes such as /dev/wardgate/bed-12) over /dev/ttyUSB0, whose"
                    + " number changes when adapters are replugged.")
    String path();

    @AttributeDefinition(name = "Baud rate", min = "50", max = "4000000",
            description = "Line speed, 50 to 4000000. Masimo Radical and Nonin: 9600; Philips IntelliVue MIB/RS232:"
                    + " 115200 (monitor set to 'Fix 115200').")
    int baudRate() default 9600;

    @AttributeDefinition(name = "Data bits", description = "5 to 8.",
            options = {@Option(label = "5", value = "5"), @Option(label = "6", value = "6"),
                @Option(label = "7", value = "7"), @Option(label = "8", value = "8")})
    int dataBits() default 8;

    @AttributeDefinition(name = "Parity", description = "NONE for the oximeters and IntelliVue; EVEN for GE Datex S/5.")
    Parity parity() default Parity.NONE;

    @AttributeDefinition(name = "Stop bits", description = "Stop bits per character: ONE for almost every device (8N1).")
    StopBits stopBits() default StopBits.ONE;

    @AttributeDefinition(name = "Flow control", description = "NONE, RTS_CTS (hardware) or XON_XOFF (software).")
    FlowControl flowControl() default FlowControl.NONE;

    @AttributeDefinition(name = "Protocol",
            description = "The protocol the device speaks, by the name of its driver, e.g. masimo: 1 to 32 lower-case"
                    + " letters, digits and '-'. While no driver of that name is installed the port waits (a"
                    + " DISCONNECTED event and its log say so and list the installed names) and opens as soon as"
                    + " the driver appears.")
    String protocol();

    @AttributeDefinition(name = "Expected model", required = false,
            description = "The model the device must report, at most 64 printable characters. Empty: learn it and"
                    + " report it. A different reported model is reported as an identity mismatch (possible swap).")
    String expectedModel() default "";

    @AttributeDefinition(name = "Expected serial number", required = false,
            description = "The serial number the device must report, at most 64 printable characters. Empty: learn"
                    + " it and report it. A different one is reported as an identity mismatch (possible swap).")
    String expectedSerialNumber() default "";

    @AttributeDefinition(name = "Site", description = "Location tag: 1 to 64 letters, digits, '.', '_' or '-'.")
    String site();

    @AttributeDefinition(name = "Ward", description = "Location tag: 1 to 64 letters, digits, '.', '_' or '-'.")
    String ward();

    @AttributeDefinition(name = "Bed", description = "Location tag: 1 to 64 letters, digits, '.', '_' or '-'.")
    String bed();

    @AttributeDefinition(name = "Silence timeout (s)", min = "1", max = "3600",
            description = "A device that sends nothing for this long is reported SILENT; 1 to 3600 seconds. A"
                    + " Masimo sends every second, so a few seconds suffice.")
    int silenceTimeoutSeconds() default 10;

    @AttributeDefinition(name = "Reconnect delay, first (ms)", min = "10", max = "60000",
            description = "Wait before the first retry after the port is lost or cannot be opened; 10 to 60000 ms."
                    + " Each further failure doubles the wait, with random jitter.")
    int reconnectMinMillis() default 1_000;

    @AttributeDefinition(name = "Reconnect delay, longest (ms)", min = "10", max = "3600000",
            description = "The longest wait between retries; 10 to 3600000 ms, at least the first delay.")
    int reconnectMaxMillis() default 60_000;
}
