package io.wardgate.api.time;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One observation of the wall clock's trustworthiness.
 *
 * @param synchronisation synchronised, unsynchronised or unknown
 * @param source the time source found on the board ("chrony", "systemd-timesyncd", "ntpd", or "none
 *     found"), which is not proof that it is the one disciplining the clock
 * @param maxError the kernel's bound on the clock's error, or null when unknown
 * @param rtc whether the board has a real-time clock that keeps time across power-off
 * @param since when this synchronisation state was first observed (gateway wall time)
 * @param detail one printable line saying what was read, for the status reply and the audit trail
 */
public record ClockState(Synchronisation synchronisation, String source, Duration maxError, boolean rtc,
        Instant since, String detail) {

    public ClockState {
        Objects.requireNonNull(synchronisation, "synchronisation");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(detail, "detail");
        if (maxError != null && maxError.isNegative()) {
            throw new IllegalArgumentException("maxError must not be negative");
        }
    }

    /** Whether times stamped now can be forwarded as verified. */
    public boolean synchronised() {
        return synchronisation == Synchronisation.SYNCHRONISED;
    }

    /** The same state observed from {@code when}: what a change of state starts with. */
    public ClockState since(Instant when) {
        return new ClockState(synchronisation, source, maxError, rtc, when, detail);
    }
}
