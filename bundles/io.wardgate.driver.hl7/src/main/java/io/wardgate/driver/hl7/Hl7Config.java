package io.wardgate.driver.hl7;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The HL7 inbound driver's settings (PID {@value #PID}); without a configuration the defaults apply. */
@ObjectClassDefinition(
        id = Hl7Config.PID,
        name = "WardGate HL7 v2 inbound (MLLP)",
        description = "How HL7 v2 ORU^R01 messages (IHE PCD-01) pushed by monitors, central stations and vendor"
                + " gateways are read: the port the network transport listens on (device-side interface only), the"
                + " largest message accepted, and how codes that are not MDC map to MDC.")
public @interface Hl7Config {
    String PID = "io.wardgate.driver.hl7";

    @AttributeDefinition(name = "Port", min = "1", max = "65535",
            description = "TCP port on the device-side interface, 1 to 65535. 2575 is HL7's registered port.")
    int port() default Hl7Driver.DEFAULT_PORT;

    @AttributeDefinition(name = "Largest message (bytes)", min = "1024", max = "16777216",
            description = "Longest HL7 message accepted, 1024 to 16777216 bytes; a longer one is skipped and"
                    + " answered AE. PCD-01 numerics are a few KiB; waveform messages can reach 100 KiB.")
    int maxMessageBytes() default Hl7Driver.DEFAULT_MAX_MESSAGE;

    @AttributeDefinition(name = "Code mapping", required = false,
            description = "Codes that are not MDC, one entry each: 'metric SYSTEM CODE MDC-CODE' (OBX-3) or"
                    + " 'unit SYSTEM CODE MDC-UNIT-CODE' (OBX-6); SYSTEM as sent, '-' for none. MDC codes must be in"
                    + " the nomenclature table. Unmapped codes are reported, never forwarded.")
    String[] mappings() default {};

    @AttributeDefinition(name = "Time zone of senders' clocks",
            description = "Zone for HL7 times sent without an offset (OBX-14, OBR-7, MSH-7), e.g. Europe/Berlin.")
    String timeZone() default "UTC";
}
