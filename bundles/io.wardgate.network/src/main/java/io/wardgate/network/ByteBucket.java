package io.wardgate.network;

/**
 * A token bucket of bytes for one peer: {@code rate} bytes per second on average, bursts up to one
 * second's worth. Time is monotonic nanoseconds from the caller. One thread only.
 */
final class ByteBucket {
    private final long rate;
    private double tokens;
    private long last;

    ByteBucket(long rate, long nowNanos) {
        this.rate = rate;
        this.tokens = rate;
        this.last = nowNanos;
    }

    /** Takes {@code bytes} if they are all there; false (and nothing taken) otherwise. */
    boolean take(int bytes, long nowNanos) {
        refill(nowNanos);
        if (tokens < bytes) {
            return false;
        }
        tokens -= bytes;
        return true;
    }

    /** How many bytes may be read now (0 when the peer is over its rate). */
    int available(long nowNanos) {
        refill(nowNanos);
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, (long) tokens));
    }

    private void refill(long nowNanos) {
        long elapsed = Math.max(0, nowNanos - last);
        last = nowNanos;
        tokens = Math.min(rate, tokens + elapsed * (rate / 1e9));
    }
}
