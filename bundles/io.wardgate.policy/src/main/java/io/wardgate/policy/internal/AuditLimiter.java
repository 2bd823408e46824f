package io.wardgate.policy.internal;

import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.api.pipeline.AuditTrail;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records policy decisions in the audit trail without letting a flood flood it: decisions people
 * make are always recorded; repeated device events are recorded at most once per interval per key
 * (action and device), and the next record says how many were held back. A global bucket bounds
 * the rate across all keys, so many forged BLE addresses cannot flood the trail either.
 */
final class AuditLimiter {
    private static final Logger LOG = LoggerFactory.getLogger(AuditLimiter.class);
    static final int MAX_KEYS = 4096;
    private static final int GLOBAL_BURST = 60;
    private static final double GLOBAL_PER_SECOND = 1.0;

    private final AuditTrail trail;
    private final LongSupplier nanos;
    private final TokenBucket global;
    private final Map<String, long[]> keys = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
            return size() > MAX_KEYS;
        }
    };
    private volatile long intervalNanos;
    private long heldBackGlobally;
    private long suppressed;
    private long failures;

    AuditLimiter(AuditTrail trail, LongSupplier nanos, Duration interval) {
        this.trail = trail;
        this.nanos = nanos;
        this.global = new TokenBucket(GLOBAL_PER_SECOND, GLOBAL_BURST, nanos.getAsLong());
        setInterval(interval);
    }

    void setInterval(Duration interval) {
        intervalNanos = interval.toNanos();
    }

    /** Records without limit: approvals, rejections, revocations, configuration changes. */
    void always(AuditEvent event) {
        store(event);
    }

    /** Records at most once per interval for {@code key}; {@code event} is only built when recorded. */
    void limited(String key, Supplier<AuditEvent> event) {
        limited(key, event, true);
    }

    /** Like {@link #limited} but outside the overall bucket: for one-of-a-kind alarms such as a full list. */
    void limitedPerKey(String key, Supplier<AuditEvent> event) {
        limited(key, event, false);
    }

    private void limited(String key, Supplier<AuditEvent> event, boolean overall) {
        long repeats;
        long held;
        synchronized (this) {
            long now = nanos.getAsLong();
            long[] state = keys.get(key); // {last recorded at, held back since}
            if (state != null && now - state[0] < intervalNanos) {
                state[1]++;
                suppressed++;
                return;
            }
            if (overall && global.take(1, now) == 0) {
                keys.put(key, new long[] {now - intervalNanos, state == null ? 1 : state[1] + 1});
                suppressed++;
                heldBackGlobally++;
                return;
            }
            repeats = state == null ? 0 : state[1];
            held = heldBackGlobally;
            heldBackGlobally = 0;
            keys.put(key, new long[] {now, 0});
        }
        AuditEvent base = event.get();
        if (repeats == 0 && held == 0) {
            store(base);
            return;
        }
        String detail = base.detail().length() > 800 ? base.detail().substring(0, 800) + "..." : base.detail();
        if (repeats > 0) {
            detail += " (" + repeats + " similar records held back since the last one)";
        }
        if (held > 0) {
            detail += " (" + held + " records of other devices held back by the overall audit rate limit)";
        }
        store(new AuditEvent(base.at(), base.actor(), base.action(), base.target(), base.outcome(), detail));
    }

    synchronized long suppressed() {
        return suppressed;
    }

    synchronized long failures() {
        return failures;
    }

    private void store(AuditEvent event) {
        try {
            trail.record(event);
        } catch (RuntimeException e) {
            synchronized (this) {
                failures++;
            }
            LOG.error("audit record {} could not be stored", event.action(), e);
        }
    }
}
