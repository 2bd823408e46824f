package io.wardgate.driver.masimo;

/**
 * Bits of the ALARM field (hex). 0x01..0x40 are in shared/specs/device-protocols.md; 0x100..0x2000
 * come from the MD PnP (OpenICE) Radical reader, poxrad_discrete.h, which lists the same lower bits.
 */
enum AlarmBit {
    SPO2_HIGH(0x0001, "SpO2 high limit", MasimoParameter.SPO2),
    SPO2_LOW(0x0002, "SpO2 low limit", MasimoParameter.SPO2),
    PULSE_HIGH(0x0004, "pulse rate high limit", MasimoParameter.PULSE_RATE),
    PULSE_LOW(0x0008, "pulse rate low limit", MasimoParameter.PULSE_RATE),
    ACTIVE(0x0010, "alarm active", null),
    SILENCED(0x0020, "alarm silenced", null),
    LOW_BATTERY(0x0040, "low battery", null),
    SPCO_HIGH(0x0100, "SpCO high limit", MasimoParameter.SPCO),
    SPCO_LOW(0x0200, "SpCO low limit", MasimoParameter.SPCO),
    SPMET_HIGH(0x0400, "SpMet high limit", MasimoParameter.SPMET),
    SPMET_LOW(0x0800, "SpMet low limit", MasimoParameter.SPMET),
    DESAT_INDEX(0x1000, "desaturation index", MasimoParameter.DESAT),
    PI_RATE_OF_CHANGE(0x2000, "PI rate of change", MasimoParameter.PI_DELTA);

    private final int mask;
    private final String text;
    private final MasimoParameter parameter;

    AlarmBit(int mask, String text, MasimoParameter parameter) {
        this.mask = mask;
        this.text = text;
        this.parameter = parameter;
    }

    int mask() {
        return mask;
    }

    String text() {
        return text;
    }

    /** The parameter whose limit the bit is about, or null for a bit about the device. */
    MasimoParameter parameter() {
        return parameter;
    }

    boolean isSetIn(long word) {
        return (word & mask) != 0;
    }

    /** Whether any bit says that a limit of the parameter is violated. */
    static boolean limitViolated(MasimoParameter parameter, long word) {
        for (AlarmBit bit : values()) {
            if (bit.parameter == parameter && bit.isSetIn(word)) {
                return true;
            }
        }
        return false;
    }

    /** "ALARM=0012: SpO2 low limit, alarm active", naming bits this decoder does not know. */
    static String describe(long word) {
        StringBuilder text = new StringBuilder(String.format("ALARM=%04X", word));
        if (word == 0) {
            return text.append(": no alarm").toString();
        }
        String separator = ": ";
        long known = 0;
        for (AlarmBit bit : values()) {
            known |= bit.mask;
            if (bit.isSetIn(word)) {
                text.append(separator).append(bit.text);
                separator = ", ";
            }
        }
        if ((word & ~known) != 0) {
            text.append(separator).append(String.format("unknown bits %X", word & ~known));
        }
        return text.toString();
    }
}
