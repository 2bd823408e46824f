package io.wardgate.outbox;

import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.api.pipeline.AuditEvent.Outcome;
import io.wardgate.api.pipeline.AuditTrail;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audit records of the outbox. Losses (evicted, refused, expired envelopes) are never silent, but a
 * full outbox refusing every envelope must not flood the trail: the first loss of a kind is recorded
 * at once, later ones are counted and recorded as one summary per interval (and at close).
 * Records hold counts, sizes and reasons only, never envelope content.
 */
final class OutboxAudit {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxAudit.class);
    private static final String ACTOR = "system";

    private final Supplier<AuditTrail> trail;
    private final Clock clock;
    private final Duration summaryInterval;
    private final String target;
    private final Map<String, Pending> pending = new LinkedHashMap<>();

    private static final class Pending {
        Outcome outcome;
        String reason;
        long count;
        long bytes;
        Instant lastRecorded = Instant.MIN;
    }

    OutboxAudit(Supplier<AuditTrail> trail, Clock clock, Duration summaryInterval, String target) {
        this.trail = trail;
        this.clock = clock;
        this.summaryInterval = summaryInterval;
        this.target = target;
    }

    /** Records an event now. */
    void event(String action, Outcome outcome, String detail) {
        AuditTrail current = trail.get();
        if (current == null) {
            LOG.warn("No audit trail available; outbox event {} not recorded: {}", action, detail);
            return;
        }
        try {
            current.record(new AuditEvent(clock.instant(), ACTOR, action, target, outcome, bounded(detail)));
        } catch (RuntimeException e) {
            LOG.error("Audit trail refused outbox event {}: {}", action, e.toString());
        }
    }

    /** Counts a loss; records it now if none of its kind was recorded within the interval. */
    synchronized void loss(String action, Outcome outcome, String reason, long count, long bytes) {
        Pending entry = pending.computeIfAbsent(action, a -> new Pending());
        entry.outcome = outcome;
        entry.reason = reason;
        entry.count += count;
        entry.bytes += bytes;
        if (!clock.instant().isBefore(entry.lastRecorded.plus(summaryInterval))) {
            emit(action, entry);
        }
    }

    /** Records the counted losses whose interval has passed, or all of them when {@code force}. */
    synchronized void flush(boolean force) {
        Instant now = clock.instant();
        pending.forEach((action, entry) -> {
            if (entry.count > 0 && (force || !now.isBefore(entry.lastRecorded.plus(summaryInterval)))) {
                emit(action, entry);
            }
        });
    }

    private void emit(String action, Pending entry) {
        event(action, entry.outcome, entry.count + " envelope(s), " + entry.bytes + " bytes: " + entry.reason);
        entry.count = 0;
        entry.bytes = 0;
        entry.lastRecorded = clock.instant();
    }

    private static String bounded(String detail) {
        String printable = detail.replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() <= 1024 ? printable : printable.substring(0, 1021) + "...";
    }
}
