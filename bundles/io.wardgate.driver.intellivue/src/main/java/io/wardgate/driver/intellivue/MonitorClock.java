package io.wardgate.driver.intellivue;

import static io.wardgate.driver.intellivue.IntelliVueIds.*;

import io.wardgate.driver.intellivue.Message.Ava;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The monitor's own clock. The MDS states its wall time (NOM_ATTR_TIME_ABS, an AbsoluteTime: century,
 * year, month, day, hour, minute, second and hundredths, each one BCD byte, all 0xFF when the clock is not
 * set) together with its RelativeTime at that moment (NOM_ATTR_TIME_REL, u32 in units of 125 us, wrapping
 * at 32 bits, about every 6.2 days). Each poll result carries the RelativeTime it was taken at, so its
 * observations are stamped on the monitor's clock as base + (relative - base relative). The wall time has
 * no zone: it is read in the zone the monitor's clock is set to (the gateway's own by default).
 *
 * <p>Whatever the monitor sends is data: a malformed or impossible time gives no device time, never an
 * exception, and the base is only replaced by a well-formed pair.
 */
final class MonitorClock {
    static final int ABSOLUTE_TIME_LENGTH = 8;
    private static final long NANOS_PER_UNIT = RELATIVE_TIME_UNIT_MICROS * 1_000L;

    private final ZoneId zone;
    private Instant base;
    /** The last relative time seen, raw, and the same moment counted from the base without wrapping. */
    private long lastRaw;
    private long unitsSinceBase;

    MonitorClock(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    void clear() {
        base = null;
    }

    ZoneId zone() {
        return zone;
    }

    boolean isKnown() {
        return base != null;
    }

    /** Takes the MDS's NOM_ATTR_TIME_ABS and NOM_ATTR_TIME_REL when both are present and well-formed. */
    void learn(List<Ava> attributes) {
        Optional<Instant> absolute = Optional.empty();
        long relative = -1;
        for (Ava ava : attributes) {
            if (ava.id() == NOM_ATTR_TIME_ABS) {
                absolute = absoluteTime(ava.value(), zone);
            } else if (ava.id() == NOM_ATTR_TIME_REL && ava.length() == 4) {
                byte[] v = ava.value();
                relative = (v[0] & 0xFFL) << 24 | (v[1] & 0xFFL) << 16 | (v[2] & 0xFFL) << 8 | v[3] & 0xFFL;
            }
        }
        if (absolute.isPresent() && relative >= 0) {
            base = absolute.get();
            lastRaw = relative;
            unitsSinceBase = 0;
        }
    }

    /**
     * The monitor's wall time at a RelativeTime of this association, or empty when the MDS has not said
     * what its clock reads. Successive relative times are taken as at most half the 32-bit range (3.1 days)
     * apart, which carries the count across a wrap.
     */
    Optional<Instant> at(long relative) {
        if (base == null) {
            return Optional.empty();
        }
        long raw = relative & 0xFFFF_FFFFL;
        unitsSinceBase += (int) (raw - lastRaw); // signed 32-bit step: forward across a wrap, or slightly back
        lastRaw = raw;
        return Optional.of(base.plusNanos(unitsSinceBase * NANOS_PER_UNIT));
    }

    /**
     * An AbsoluteTime read in {@code zone}; empty when it is not 8 bytes, not BCD, not a real date and
     * time, or all 0xFF (the monitor's clock is not set).
     */
    static Optional<Instant> absoluteTime(byte[] bcd, ZoneId zone) {
        if (bcd == null || bcd.length != ABSOLUTE_TIME_LENGTH) {
            return Optional.empty();
        }
        int[] parts = new int[ABSOLUTE_TIME_LENGTH];
        for (int i = 0; i < ABSOLUTE_TIME_LENGTH; i++) {
            int high = (bcd[i] >> 4) & 0x0F;
            int low = bcd[i] & 0x0F;
            if (high > 9 || low > 9) {
                return Optional.empty();
            }
            parts[i] = high * 10 + low;
        }
        try {
            LocalDateTime local = LocalDateTime.of(parts[0] * 100 + parts[1], parts[2], parts[3], parts[4], parts[5],
                    parts[6], parts[7] * 10_000_000);
            return Optional.of(local.atZone(zone).toInstant());
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
