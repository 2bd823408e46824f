package io.wardgate.uplink;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Reconnect delays: exponential from the minimum to the maximum, with "equal jitter" (half fixed,
 * half random) so that a ward of gateways does not reconnect in lock step after a broker restart.
 */
final class Backoff {
    private final long minMillis;
    private final long maxMillis;
    private final RandomGenerator random;

    Backoff(Duration min, Duration max, RandomGenerator random) {
        this.minMillis = min.toMillis();
        this.maxMillis = Math.max(minMillis, max.toMillis());
        this.random = random;
    }

    /** The delay before attempt {@code attempt} (0 for the first retry). */
    Duration delay(int attempt) {
        long cap = minMillis;
        for (int i = 0; i < attempt && cap < maxMillis; i++) {
            cap = Math.min(maxMillis, cap * 2);
        }
        long half = cap / 2;
        return Duration.ofMillis(cap - half + (half == 0 ? 0 : random.nextLong(half + 1)));
    }
}
