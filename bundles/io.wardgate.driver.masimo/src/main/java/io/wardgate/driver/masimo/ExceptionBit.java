package io.wardgate.driver.masimo;

import io.wardgate.api.StatusFlag;

/**
 * Bits of the EXC (exception) field (hex), and the status flag each puts on the readings of the same
 * line. 0x01, 0x04, 0x08, 0x20, 0x400 and 0x800 are in shared/specs/device-protocols.md; the others
 * come from the MD PnP (OpenICE) Radical reader, poxrad_discrete.h.
 *
 * <p>Choices made here: sensor and cable faults are SENSOR_PROBLEM; pulse search and low signal IQ
 * mean the device is not sure of its numbers (QUESTIONABLE); interference and ambient light are
 * ARTIFACT; a calibrating sensor gives no clinical values at all (CALIBRATING, a no-value flag, so
 * the numbers of that line are forwarded as statuses only).
 */
enum ExceptionBit {
    NO_SENSOR(0x000001, "no sensor", StatusFlag.SENSOR_PROBLEM, null),
    DEFECTIVE_SENSOR(0x000002, "defective sensor", StatusFlag.SENSOR_PROBLEM, null),
    LOW_PERFUSION(0x000004, "low perfusion", StatusFlag.LOW_PERFUSION, null),
    PULSE_SEARCH(0x000008, "pulse search", StatusFlag.QUESTIONABLE, null),
    INTERFERENCE(0x000010, "interference", StatusFlag.ARTIFACT, null),
    SENSOR_OFF(0x000020, "sensor off", StatusFlag.SENSOR_PROBLEM, null),
    AMBIENT_LIGHT(0x000040, "ambient light", StatusFlag.ARTIFACT, null),
    UNRECOGNIZED_SENSOR(0x000080, "unrecognized sensor", StatusFlag.SENSOR_PROBLEM, null),
    INCOMPATIBLE_SENSOR(0x000100, "incompatible sensor", StatusFlag.SENSOR_PROBLEM, null),
    LOW_SIGNAL_IQ(0x000400, "low signal IQ", StatusFlag.QUESTIONABLE, null),
    /** Informational: the Masimo SET algorithm is in use. */
    MASIMO_SET(0x000800, "Masimo SET", null, null),
    NO_CABLE(0x001000, "no cable connected", StatusFlag.SENSOR_PROBLEM, null),
    CABLE_LIFE_EXPIRED(0x002000, "cable life expired", StatusFlag.SENSOR_PROBLEM, null),
    INCOMPATIBLE_CABLE(0x004000, "incompatible cable", StatusFlag.SENSOR_PROBLEM, null),
    UNRECOGNIZED_CABLE(0x008000, "unrecognized cable", StatusFlag.SENSOR_PROBLEM, null),
    DEFECTIVE_CABLE(0x010000, "defective cable", StatusFlag.SENSOR_PROBLEM, null),
    SENSOR_CALIBRATING(0x020000, "sensor calibrating", StatusFlag.CALIBRATING, null),
    SENSOR_LIFE_EXPIRED(0x040000, "sensor life expired", StatusFlag.SENSOR_PROBLEM, null),
    EMITTER_TEMPERATURE(0x080000, "emitter temperature out of range", StatusFlag.SENSOR_PROBLEM, null),
    SENSOR_CURRENT_LIMIT(0x100000, "sensor current limit exceeded", StatusFlag.SENSOR_PROBLEM, null),
    SPCO_LOW_CONFIDENCE(0x200000, "SpCO low confidence", StatusFlag.QUESTIONABLE, MasimoParameter.SPCO),
    SPMET_LOW_CONFIDENCE(0x400000, "SpMet low confidence", StatusFlag.QUESTIONABLE, MasimoParameter.SPMET);

    private final int mask;
    private final String text;
    private final StatusFlag flag;
    private final MasimoParameter only;

    ExceptionBit(int mask, String text, StatusFlag flag, MasimoParameter only) {
        this.mask = mask;
        this.text = text;
        this.flag = flag;
        this.only = only;
    }

    int mask() {
        return mask;
    }

    String text() {
        return text;
    }

    /** The flag the bit puts on readings, or null for an informational bit. */
    StatusFlag flag() {
        return flag;
    }

    /** Whether the bit says something about the parameter's reading. */
    boolean concerns(MasimoParameter parameter) {
        return flag != null && (only == null || only == parameter);
    }

    boolean isSetIn(long word) {
        return (word & mask) != 0;
    }
}
