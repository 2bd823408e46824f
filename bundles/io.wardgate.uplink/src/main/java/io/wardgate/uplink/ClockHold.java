package io.wardgate.uplink;

import io.wardgate.api.time.ClockState;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Whether reading envelopes wait for the clock: while it is not synchronised, for at most {@code maxWait}
 * (on the monotonic clock, from the uplink's start), readings stay in the outbox so that the clock note
 * saying how to re-stamp them (io.wardgate.api.time.ClockNote) reaches the backend first. Alarm streams
 * (the clock notes among them) are never held: a device alarm must not wait for NTP; its times are
 * re-stamped or flagged by the receiver like any other.
 */
public final class ClockHold {
    /** No clock state known (no time bundle): nothing is held. */
    public static final ClockHold NONE = new ClockHold(() -> null, Duration.ZERO, System::nanoTime);

    private final Supplier<ClockState> clock;
    private final Duration maxWait;
    private final LongSupplier monotonicNanos;
    private final long started;

    public ClockHold(Supplier<ClockState> clock, Duration maxWait, LongSupplier monotonicNanos) {
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("the maximum wait must not be negative");
        }
        this.clock = clock;
        this.maxWait = maxWait;
        this.monotonicNanos = monotonicNanos;
        this.started = monotonicNanos.getAsLong();
    }

    /** At most this many envelopes are held (their ids are kept in memory); beyond, they go out flagged. */
    static final int MAX_HELD = 65_536;

    /** Whether readings are held now, with {@code held} held already. */
    boolean holding(int held) {
        ClockState state = clock.get();
        return state != null && !state.synchronised() && !waitedEnough() && held < MAX_HELD;
    }

    private boolean waitedEnough() {
        return monotonicNanos.getAsLong() - started >= maxWait.toNanos();
    }

    /** Whether a time source says the clock is right; false when unknown. */
    boolean synchronised() {
        ClockState state = clock.get();
        return state != null && state.synchronised();
    }

    /** Whether a clock state is known at all (a time bundle runs). */
    boolean known() {
        return clock.get() != null;
    }

    /** Why held envelopes go out now. */
    String releaseReason() {
        ClockState state = clock.get();
        if (state != null && state.synchronised()) {
            return "the clock is synchronised (" + state.source() + ")";
        }
        return (waitedEnough() ? "the maximum wait of " + maxWait + " is over" : MAX_HELD + " envelopes are held")
                + "; the receiver flags their times TIME_UNVERIFIED";
    }

    /** Reading envelopes wait; alarm streams (device id ending "#alarms") never do. */
    static boolean holdsBack(String deviceId) {
        return !TopicScheme.isAlarmStream(deviceId);
    }
}
