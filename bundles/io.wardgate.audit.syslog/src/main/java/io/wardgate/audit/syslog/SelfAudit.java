package io.wardgate.audit.syslog;

import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.api.pipeline.AuditEvent.Outcome;
import io.wardgate.api.pipeline.AuditTrail;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The export's own audit records, kept few so that exporting them cannot feed itself: a failure is recorded
 * when its reason differs from the last recorded one, and at most once per {@link #INTERVAL}; one
 * AUDIT_EXPORT_RESTORED follows a recorded outage. Successful sessions are never recorded (each record would
 * cause another session).
 */
final class SelfAudit {
    static final Duration INTERVAL = Duration.ofMinutes(10);
    static final String FAILED = "AUDIT_EXPORT_FAILED";
    static final String TLS_REJECTED = "AUDIT_EXPORT_TLS_REJECTED";
    static final String RESTORED = "AUDIT_EXPORT_RESTORED";
    static final String GAP = "AUDIT_EXPORT_GAP";
    static final String CURSOR_RESET = "AUDIT_EXPORT_CURSOR_RESET";
    static final String REVOCATION_OFF = "AUDIT_EXPORT_REVOCATION_OFF";
    private static final Logger LOG = LoggerFactory.getLogger(SelfAudit.class);

    private final Supplier<AuditTrail> trail;
    private final Clock clock;
    private final String collector;
    private String lastReason = "";
    private Instant lastRecorded;
    private boolean outage;

    SelfAudit(Supplier<AuditTrail> trail, Clock clock, String collector) {
        this.trail = trail;
        this.clock = clock;
        this.collector = collector;
    }

    void failed(String reason, boolean tlsRejection) {
        Instant now = clock.instant();
        boolean due = lastRecorded == null || !now.isBefore(lastRecorded.plus(INTERVAL));
        if (reason.equals(lastReason) || !due) {
            LOG.debug("Audit export to {} still failing: {}", collector, reason);
            return;
        }
        LOG.warn("Audit export to {} failed: {}", collector, reason);
        lastReason = reason;
        lastRecorded = now;
        outage = true;
        record(tlsRejection ? TLS_REJECTED : FAILED, tlsRejection ? Outcome.DENIED : Outcome.FAILURE,
                reason + "; records stay in the audit trail and are sent when the collector is reachable");
    }

    void confirmed() {
        if (outage) {
            outage = false;
            LOG.info("Audit export to {} works again", collector);
            record(RESTORED, Outcome.SUCCESS, "sessions confirmed again after: " + lastReason);
            lastReason = "";
        }
    }

    void note(String action, String detail) {
        LOG.warn("Audit export: {}", detail);
        record(action, Outcome.WARNING, detail);
    }

    private void record(String action, Outcome outcome, String detail) {
        AuditTrail audit = trail.get();
        if (audit == null) {
            return;
        }
        String bounded = detail.length() <= 1024 ? detail : detail.substring(0, 1021) + "...";
        try {
            audit.record(new AuditEvent(clock.instant(), "system", action, collector.length() <= 256 ? collector
                    : collector.substring(0, 256), outcome, bounded.replaceAll("[^\\x20-\\x7E]", "?")));
        } catch (RuntimeException e) {
            LOG.error("Audit trail refused export event {}: {}", action, e.toString());
        }
    }
}
