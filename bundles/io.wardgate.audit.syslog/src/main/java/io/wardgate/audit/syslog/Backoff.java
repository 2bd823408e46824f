package io.wardgate.audit.syslog;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Delays after failed sessions: exponential from the minimum to the maximum with "equal jitter" (half fixed,
 * half random), so that a ward of gateways does not reconnect in lock step after a collector restart.
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

    /** The delay after {@code failures} failed sessions in a row (1 or more). */
    Duration delay(int failures) {
        long cap = minMillis;
        for (int i = 1; i < failures && cap < maxMillis; i++) {
            cap = Math.min(maxMillis, cap * 2);
        }
        long half = cap / 2;
        return Duration.ofMillis(cap - half + (half == 0 ? 0 : random.nextLong(half + 1)));
    }
}
