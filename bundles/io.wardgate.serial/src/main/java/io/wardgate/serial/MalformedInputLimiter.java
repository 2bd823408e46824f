package io.wardgate.serial;

import java.time.Duration;
import java.util.Optional;

/**
 * Lets at most one MALFORMED_INPUT event through per interval; what it holds back is counted and
 * summed up in the next event, so a babbling device costs the pipeline one event per interval and
 * nothing is hidden. Time is {@link System#nanoTime()} style: monotonic nanoseconds.
 */
final class MalformedInputLimiter {
    private final long intervalNanos;
    private long lastReport;
    private boolean reported;
    private long suppressed;
    private String latest = "";

    MalformedInputLimiter(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    /** A decoding problem happened: the event detail to report now, or empty when held back. */
    Optional<String> offer(long nowNanos, String reason) {
        if (!reported || nowNanos - lastReport >= intervalNanos) {
            String detail = suppressed == 0 ? reason : reason + " (and " + suppressed + " more since the last report)";
            mark(nowNanos);
            return Optional.of(detail);
        }
        suppressed++;
        latest = reason;
        return Optional.empty();
    }

    /** Called periodically: the summary of held-back problems once the interval is over, if any. */
    Optional<String> flush(long nowNanos) {
        if (suppressed == 0 || nowNanos - lastReport < intervalNanos) {
            return Optional.empty();
        }
        String detail = suppressed + " more malformed inputs since the last report; latest: " + latest;
        mark(nowNanos);
        return Optional.of(detail);
    }

    private void mark(long nowNanos) {
        reported = true;
        lastReport = nowNanos;
        suppressed = 0;
        latest = "";
    }
}
