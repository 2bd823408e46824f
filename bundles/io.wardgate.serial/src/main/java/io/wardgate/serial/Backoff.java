package io.wardgate.serial;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter for reconnecting: the n-th wait in a row is drawn uniformly from
 * [d/2, d] with d = min(max, min x 2^n), so ports that lost their devices together (a ward power cut,
 * a USB hub reset) do not retry in lockstep, and a device that is gone for good costs little.
 */
final class Backoff {
    private final long minNanos;
    private final long maxNanos;
    private final DoubleSupplier random;
    private int failures;

    /** @param random values in [0, 1) */
    Backoff(Duration min, Duration max, DoubleSupplier random) {
        if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("need 0 < min <= max: " + min + ", " + max);
        }
        this.minNanos = min.toNanos();
        this.maxNanos = max.toNanos();
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The wait before the next attempt; each call counts one more failure. */
    Duration next() {
        long ceiling = minNanos;
        for (int i = 0; i < failures && ceiling < maxNanos; i++) {
            ceiling = ceiling > maxNanos / 2 ? maxNanos : ceiling * 2;
        }
        ceiling = Math.min(ceiling, maxNanos);
        if (failures < 64) {
            failures++;
        }
        double fraction = 0.5 + 0.5 * Math.min(Math.max(random.getAsDouble(), 0.0), 1.0);
        return Duration.ofNanos((long) (ceiling * fraction));
    }

    /** A connection worked: start again from the shortest wait. */
    void reset() {
        failures = 0;
    }
}
