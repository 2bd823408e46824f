package io.wardgate.driver.datex;

import io.wardgate.api.StatusFlag;
import java.util.EnumSet;
import java.util.Set;

/**
 * The special 16-bit values of the physiological database (DRI specification 8005313, 3.4, table 3-9):
 * anything at or below -32001 is a marker, never a number. Each marker becomes its own set of status
 * flags, so that a backend can tell them apart; the domain has no "discontinuity" or "not calibrated"
 * flag, so those two are INVALID with ARTIFACT, and INVALID with SENSOR_PROBLEM.
 */
enum DatexValue {
    INVALID(-32767, EnumSet.of(StatusFlag.INVALID)),
    NOT_UPDATED(-32766, EnumSet.of(StatusFlag.NOT_UPDATED)),
    DISCONTINUITY(-32765, EnumSet.of(StatusFlag.INVALID, StatusFlag.ARTIFACT)),
    UNDER_RANGE(-32764, EnumSet.of(StatusFlag.BELOW_RANGE)),
    OVER_RANGE(-32763, EnumSet.of(StatusFlag.ABOVE_RANGE)),
    NOT_CALIBRATED(-32762, EnumSet.of(StatusFlag.INVALID, StatusFlag.SENSOR_PROBLEM));

    /** Values at or below this are markers; -32000 is the smallest number. */
    static final int LIMIT = -32001;

    private final int raw;
    private final Set<StatusFlag> flags;

    DatexValue(int raw, Set<StatusFlag> flags) {
        this.raw = raw;
        this.flags = flags;
    }

    int raw() {
        return raw;
    }

    static boolean isMarker(int raw) {
        return raw <= LIMIT;
    }

    /** The flags of a marker; any other value at or below -32001 is INVALID. */
    static Set<StatusFlag> flagsOf(int raw) {
        for (DatexValue value : values()) {
            if (value.raw == raw) {
                return EnumSet.copyOf(value.flags);
            }
        }
        return EnumSet.of(StatusFlag.INVALID);
    }
}
