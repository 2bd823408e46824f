package io.wardgate.policy.internal;

/**
 * A token bucket on a monotonic clock (nanoseconds): {@code ratePerSecond} tokens a second, at most
 * {@code capacity} saved up. Thread-safe; one per device.
 */
final class TokenBucket {
    private final double ratePerNano;
    private final double capacity;
    private double tokens;
    private long last;

    TokenBucket(double ratePerSecond, int capacity, long nowNanos) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.capacity = capacity;
        this.tokens = capacity;
        this.last = nowNanos;
    }

    boolean sameRate(double ratePerSecond, int newCapacity) {
        return ratePerNano == ratePerSecond / 1e9 && capacity == newCapacity;
    }

    /** Takes up to {@code wanted} tokens; returns how many were granted. */
    synchronized int take(int wanted, long nowNanos) {
        long elapsed = nowNanos - last;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * ratePerNano);
            last = nowNanos;
        }
        int granted = (int) Math.min(wanted, Math.floor(tokens));
        tokens -= granted;
        return granted;
    }
}
