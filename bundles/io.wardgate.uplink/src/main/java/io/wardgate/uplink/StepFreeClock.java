package io.wardgate.uplink;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock for durations (backoff waits, primary checks, deadlines): it starts at the wall time and then
 * runs on {@link System#nanoTime()}, so NTP stepping the wall clock (by days on a board without a
 * real-time clock) neither stretches a wait nor cuts it short. Its instants are for comparing with each
 * other, never for showing.
 */
final class StepFreeClock extends Clock {
    private final Instant base = Instant.now();
    private final long baseNanos = System.nanoTime();

    /** The system clock becomes a step-free one; a test's own clock (moved by hand) is kept. */
    static Clock forDurations(Clock clock) {
        return clock.equals(Clock.systemUTC()) || clock.equals(Clock.systemDefaultZone()) ? new StepFreeClock() : clock;
    }

    @Override
    public Instant instant() {
        return base.plusNanos(System.nanoTime() - baseNanos);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
