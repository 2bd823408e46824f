package io.wardgate.driver.nonin;

import io.wardgate.api.Decimal;
import io.wardgate.api.Observation;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.VitalSign;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * Pulse rate and SpO2 as observations. A missing-data marker (511, 127) becomes an UNAVAILABLE
 * status and a value outside the device's range an INVALID one: never a number.
 */
final class NoninValues {
    private NoninValues() {
    }

    /** The 9-bit pulse rate: bits 8 and 7 in the low bits of {@code high}, bits 6 to 0 in {@code low}. */
    static int pulseRate(int high, int low) {
        return (high & 0x03) << 7 | low & 0x7F;
    }

    static Observation pulseRate(int value, Set<StatusFlag> flags, Instant now) {
        return observation(VitalSign.PULSE_RATE, value, NoninStatus.MISSING_PULSE_RATE, NoninStatus.MAX_PULSE_RATE,
                flags, now);
    }

    static Observation spo2(int value, Set<StatusFlag> flags, Instant now) {
        return observation(VitalSign.SPO2, value, NoninStatus.MISSING_SPO2, NoninStatus.MAX_SPO2, flags, now);
    }

    private static Observation observation(VitalSign sign, int value, int missing, int max, Set<StatusFlag> flags,
            Instant now) {
        if (value == missing || value > max) {
            EnumSet<StatusFlag> status = flags.isEmpty() ? EnumSet.noneOf(StatusFlag.class) : EnumSet.copyOf(flags);
            status.add(value == missing ? StatusFlag.UNAVAILABLE : StatusFlag.INVALID);
            return Observation.absent(sign.metric(), sign.unit(), status, now);
        }
        return Observation.of(sign, Decimal.ofInteger(value), flags, now);
    }
}
