package io.wardgate.shared.retry;

import java.time.Duration;
import java.util.Objects;
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
}
