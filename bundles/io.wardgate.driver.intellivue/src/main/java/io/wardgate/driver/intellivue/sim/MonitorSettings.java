package io.wardgate.driver.intellivue.sim;

import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What the simulated monitor says about itself and how it behaves.
 *
 * @param model the model number it reports (NOM_ATTR_ID_MODEL), 1 to 32 printable ASCII chars
 * @param serialNumber the serial number it reports (NOM_ATTR_ID_PROD_SPECN), 1 to 32 printable ASCII chars
 * @param systemId its system id (NOM_ATTR_SYS_ID) as 12 or 16 hex digits (6-byte MAC or EUI-64)
 * @param seed seeds the variation of vitals and garbage, so a run can be repeated
 * @param associationTimeout the monitor drops an association the host has been silent on for this long
 */
public record MonitorSettings(String model, String serialNumber, String systemId, long seed,
        Duration associationTimeout) {

    public MonitorSettings {
        label(model, "model");
        label(serialNumber, "serialNumber");
        Objects.requireNonNull(systemId, "systemId");
        if (!systemId.matches("([0-9A-Fa-f]{12}|[0-9A-Fa-f]{16})")) {
            throw new IllegalArgumentException("systemId must be 12 or 16 hex digits");
        }
        Objects.requireNonNull(associationTimeout, "associationTimeout");
        if (associationTimeout.isNegative() || associationTimeout.isZero()) {
            throw new IllegalArgumentException("associationTimeout must be positive");
        }
    }

    /** An MP70 with the given serial number and a 10 s association timeout. */
    public static MonitorSettings mp70(String serialNumber, long seed) {
        return new MonitorSettings("M8007A", serialNumber, "0009FB" + String.format("%06X", seed & 0xFFFFFF), seed,
                Duration.ofSeconds(10));
    }

    byte[] systemIdBytes() {
        return HexFormat.of().parseHex(systemId);
    }

    private static void label(String value, String name) {
        Objects.requireNonNull(value, name);
        if (!value.matches("[\\x20-\\x7E]{1,32}")) {
            throw new IllegalArgumentException(name + " must be 1 to 32 printable ASCII chars");
        }
    }
}
