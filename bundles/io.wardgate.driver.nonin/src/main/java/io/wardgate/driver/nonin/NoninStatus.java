package io.wardgate.driver.nonin;

import io.wardgate.api.StatusFlag;
import java.util.EnumSet;
import java.util.Set;

/**
 * Nonin status bits as WardGate status flags. The mapping (also in docs/devices.md):
 * SNSD/SNSA (sensor disconnected, sensor alarm) -> SENSOR_PROBLEM; OOT (out of track: sustained
 * artifact) -> ARTIFACT and QUESTIONABLE; LPRF, MPRF and the DF7 red/yellow perfusion bits
 * -> LOW_PERFUSION; ARTF -> ARTIFACT.
 */
final class NoninStatus {
    /** Missing-data markers shared by every format: the value could not be computed. */
    static final int MISSING_PULSE_RATE = 511;
    static final int MISSING_SPO2 = 127;
    /** Device ranges (9560 specification: pulse rate 18 to 321, SpO2 0 to 100). */
    static final int MAX_PULSE_RATE = 321;
    static final int MAX_SPO2 = 100;

    // DF8 byte 1. Bit 6 is SNSD in device-protocols.md (and in other Nonin modules' DF8); the 9560
    // document marks it reserved, so on a 9560 it may be set without meaning anything.
    static final int DF8_SNSD = 0x40;
    static final int DF8_OOT = 0x20;
    static final int DF8_LPRF = 0x10;
    static final int DF8_MPRF = 0x08;
    static final int DF8_ARTF = 0x04;
    // DF8 byte 4 (status 2): sensor alarm and low battery (9560 specification).
    static final int DF8_SNSA = 0x08;
    static final int LOW_BATTERY = 0x01;

    // DF7 status byte (9560 specification, DF7 byte 1).
    static final int DF7_ARTF = 0x20;
    static final int DF7_OOT = 0x10;
    static final int DF7_SNSA = 0x08;
    static final int DF7_RPRF = 0x04;
    static final int DF7_GPRF = 0x02;
    static final int DF7_SYNC = 0x01;

    private NoninStatus() {
    }

    static Set<StatusFlag> df8(int status, int status2) {
        EnumSet<StatusFlag> flags = EnumSet.noneOf(StatusFlag.class);
        if ((status & DF8_SNSD) != 0 || (status2 & DF8_SNSA) != 0) {
            flags.add(StatusFlag.SENSOR_PROBLEM);
        }
        if ((status & DF8_OOT) != 0) {
            flags.add(StatusFlag.ARTIFACT);
            flags.add(StatusFlag.QUESTIONABLE);
        }
        if ((status & (DF8_LPRF | DF8_MPRF)) != 0) {
            flags.add(StatusFlag.LOW_PERFUSION);
        }
        if ((status & DF8_ARTF) != 0) {
            flags.add(StatusFlag.ARTIFACT);
        }
        return flags;
    }

    /** Adds the flags of one DF7 status byte. RPRF alone is red, RPRF with GPRF yellow: both low. */
    static void addDf7(int status, Set<StatusFlag> flags) {
        if ((status & DF7_SNSA) != 0) {
            flags.add(StatusFlag.SENSOR_PROBLEM);
        }
        if ((status & DF7_OOT) != 0) {
            flags.add(StatusFlag.ARTIFACT);
            flags.add(StatusFlag.QUESTIONABLE);
        }
        if ((status & DF7_RPRF) != 0) {
            flags.add(StatusFlag.LOW_PERFUSION);
        }
        if ((status & DF7_ARTF) != 0) {
            flags.add(StatusFlag.ARTIFACT);
        }
    }
}
