package io.wardgate.manage;

import java.util.function.LongSupplier;

/**
 * Bounds what unauthenticated management requests cost: at most {@code burst} refusals are recorded
 * and answered at once, then {@code perSecond}; the rest are only counted, and the count goes into
 * the next refusal that is recorded (as the policy's audit limiter aggregates device events).
 * Requests signed by a trusted key never pass through here.
 */
final class RefusalLimiter {
    private final LongSupplier nanos;
    private final double burst;
    private final double perNano;
    private double tokens;
    private long last;
    private long heldBack;

    RefusalLimiter(LongSupplier nanos, int burst, double perSecond) {
        if (burst < 1 || !(perSecond > 0)) {
            throw new IllegalArgumentException("burst must be at least 1 and the rate positive");
        }
        this.nanos = nanos;
        this.burst = burst;
        this.perNano = perSecond / 1e9;
        this.tokens = burst;
        this.last = nanos.getAsLong();
    }

    /** -1: hold this refusal back (no record, no reply, no log line); otherwise how many were held back before it. */
    synchronized long admit() {
        long now = nanos.getAsLong();
        tokens = Math.min(burst, tokens + Math.max(0, now - last) * perNano);
        last = now;
        if (tokens < 1) {
            heldBack++;
            return -1;
        }
        tokens--;
        long before = heldBack;
        heldBack = 0;
        return before;
    }
}
