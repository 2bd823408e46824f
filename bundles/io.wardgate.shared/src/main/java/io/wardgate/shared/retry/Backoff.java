package io.wardgate.shared.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import java.util.random.RandomGenerator;

/**
 * Reconnect delays: exponential from the minimum, capped at the maximum, with "equal jitter" (half fixed,
 * half random) so that a ward of gateways does not reconnect in lock step after a peer restarts.
 *
 * @param min the first delay (more than zero)
 * @param max the longest delay (not below {@code min})
 */
public record Backoff(Duration min, Duration max) {
    public Backoff {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("need 0 < min <= max: " + min + ", " + max);
        }
    }

    /** The delay before retry {@code retry} (0 for the first retry after a failure), drawn from [d/2, d]. */
    public Duration delay(int retry, RandomGenerator random) {
        long maxMillis = max.toMillis();
        long cap = Math.max(1, min.toMillis());
        for (int i = 0; i < retry && cap < maxMillis; i++) {
            cap = Math.min(maxMillis, cap * 2);
        }
        long half = cap / 2;
        return Duration.ofMillis(cap - half + (half == 0 ? 0 : random.nextLong(half + 1)));
    }

    /** The ceiling before retry {@code retry}: min x 2^retry, capped at max, exact to the nanosecond. */
    public Duration ceiling(int retry) {
        long maxNanos = max.toNanos();
        long ceiling = min.toNanos();
        for (int i = 0; i < retry && ceiling < maxNanos; i++) {
            ceiling = ceiling > maxNanos / 2 ? maxNanos : ceiling * 2;
        }
        return Duration.ofNanos(Math.min(ceiling, maxNanos));
    }

    /**
     * The delay before retry {@code retry} with equal jitter from a fraction in [0, 1] (clamped):
     * ceiling x (1/2 + fraction/2), so never below half the ceiling.
     */
    public Duration delay(int retry, double fraction) {
        double clamped = Math.min(Math.max(fraction, 0.0), 1.0);
        return Duration.ofNanos((long) (ceiling(retry).toNanos() * (0.5 + 0.5 * clamped)));
    }

    /** Retries in a row with equal jitter; {@code random} gives fractions in [0, 1). */
    public Sequence sequence(DoubleSupplier random) {
        return new Sequence(this, Objects.requireNonNull(random, "random"));
    }

    /** Retries in a row without jitter: each delay is the ceiling (one sender retrying one peer). */
    public Sequence sequenceWithoutJitter() {
        return new Sequence(this, null);
    }

    /**
     * The state of one connection's retries: each {@link #next()} counts a failure, {@link #reset()}
     * starts over once a connection worked. Not thread-safe: one per connection, used by its thread.
     */
    public static final class Sequence {
        private static final int MAX_COUNTED = 64;
        private final Backoff backoff;
        private final DoubleSupplier random;
        private int failures;

        private Sequence(Backoff backoff, DoubleSupplier random) {
            this.backoff = backoff;
            this.random = random;
        }

        /** The wait before the next attempt; counts one more failure. */
        public Duration next() {
            Duration wait = random == null ? backoff.ceiling(failures) : backoff.delay(failures, random.getAsDouble());
            if (failures < MAX_COUNTED) {
                failures++;
            }
            return wait;
        }

        /** A connection worked: the next wait is the shortest again. */
        public void reset() {
            failures = 0;
        }
    }
}
