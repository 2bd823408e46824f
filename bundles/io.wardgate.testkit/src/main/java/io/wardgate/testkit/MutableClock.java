package io.wardgate.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A UTC clock a test moves by hand, injected into the code under test. Start it {@link #startingNow() now}
 * when the code under test also meets the real clock (certificates, file times, another component), so
 * the test passes on any date; a fixed start is fine only where everything reads this clock.
 * Safe to read from other threads (schedulers of the code under test).
 */
public final class MutableClock extends Clock {
    private final AtomicReference<Instant> now;

    public MutableClock(Instant start) {
        this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
    }

    /** A clock at the real current time, truncated to whole seconds (easy to read in a failure). */
    public static MutableClock startingNow() {
        return new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    /** Moves the clock forward (or back, with a negative duration); returns the new time. */
    public Instant advance(Duration duration) {
        return now.updateAndGet(t -> t.plus(duration));
    }

    /** Sets the clock, e.g. back in time to test a clock step. */
    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
