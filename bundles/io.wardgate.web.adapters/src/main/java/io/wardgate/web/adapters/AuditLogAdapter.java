package io.wardgate.web.adapters;

import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.audit.api.AuditLog;
import io.wardgate.audit.api.AuditQuery;
import io.wardgate.audit.api.Verification;
import io.wardgate.web.port.AuditRecord;
import io.wardgate.web.port.ChainCheck;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The web UI's AuditLog over the audit bundle's read side. The trail filters by time, action and
 * actor only, so a text search pages back through the time window, newest first, and filters here;
 * it reads at most {@link #MAX_PAGES} pages of {@link #PAGE} records per search so one search cannot tie up the trail.
 * Sequences are the trail's own (they start at 1), so the UI and the offline verifier agree.
 */
@Component(service = io.wardgate.web.port.AuditLog.class)
public final class AuditLogAdapter implements io.wardgate.web.port.AuditLog {
    static final int PAGE = AuditQuery.MAX_LIMIT;
    static final int MAX_PAGES = 20;

    private final AuditLog log;
    private final int page;

    @Activate
    public AuditLogAdapter(@Reference(name = "auditLog") AuditLog log) {
        this(log, PAGE);
    }

    /** Smaller pages let tests walk many pages over a few records. */
    AuditLogAdapter(AuditLog log, int page) {
        this.log = log;
        this.page = page;
    }

    @Override
    public List<AuditRecord> search(String text, Instant from, Instant to, int limit) {
        if (limit < 1 || (from != null && to != null && !from.isBefore(to))) {
            return List.of();
        }
        int wanted = Math.min(limit, AuditQuery.MAX_LIMIT);
        String needle = text == null ? "" : text.toLowerCase(Locale.ROOT);
        if (needle.isEmpty()) {
            return log.query(new AuditQuery(from, to, "", "", wanted, true)).stream().map(AuditLogAdapter::map)
                    .toList();
        }
        List<AuditRecord> found = new ArrayList<>();
        Instant pageTo = to;
        long below = Long.MAX_VALUE; // sequences already seen are skipped when a page repeats an instant
        for (int pages = 0; pages < MAX_PAGES; pages++) {
            List<io.wardgate.audit.api.AuditRecord> records = log.query(new AuditQuery(from, pageTo, "", "", page, true));
            long lowest = below;
            for (io.wardgate.audit.api.AuditRecord record : records) {
                if (record.sequence() >= below) {
                    continue;
                }
                lowest = Math.min(lowest, record.sequence());
                if (contains(record.event(), needle)) {
                    found.add(map(record));
                    if (found.size() == wanted) {
                        return List.copyOf(found);
                    }
                }
            }
            if (records.size() < page || lowest == below) {
                break; // the window is exhausted, or a page brought nothing new
            }
            below = lowest;
            // the next page ends just after the earliest time seen: records sharing it are not skipped.
            // A clock set back can put older records after that time; they are the ones a search may miss.
            pageTo = records.stream().map(io.wardgate.audit.api.AuditRecord::at).min(Instant::compareTo).orElseThrow()
                    .plusNanos(1);
        }
        return List.copyOf(found);
    }

    private static boolean contains(AuditEvent event, String needle) {
        return event.actor().toLowerCase(Locale.ROOT).contains(needle)
                || event.action().toLowerCase(Locale.ROOT).contains(needle)
                || event.target().toLowerCase(Locale.ROOT).contains(needle)
                || event.detail().toLowerCase(Locale.ROOT).contains(needle);
    }

    static AuditRecord map(io.wardgate.audit.api.AuditRecord record) {
        return new AuditRecord(record.sequence(), record.event(), record.hash());
    }

    @Override
    public ChainCheck verifyChain() {
        Verification v = log.verify();
        String notes = v.notes().isEmpty() ? "" : "; " + String.join("; ", v.notes());
        String span = "segments " + v.firstSegment() + ".." + v.lastSegment();
        if (v.intact()) {
            return new ChainCheck(true, v.records(), -1, "intact: " + v.records() + " records in " + span + notes);
        }
        return new ChainCheck(false, v.records(), brokenSequence(v), "broken at " + v.brokenLink() + "; "
                + v.records() + " records before it are intact (" + span + ")" + notes);
    }

    /**
     * The sequence the first broken record should have had: the first retained record's sequence
     * plus the records that linked before the break. The exact place (segment, index) is in the detail.
     */
    private long brokenSequence(Verification v) {
        List<io.wardgate.audit.api.AuditRecord> first = log.query(new AuditQuery(null, null, "", "", 1, false));
        long start = first.isEmpty() ? 1 : first.get(0).sequence();
        return start + v.records();
    }
}
