package io.wardgate.audit.api;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** Read side of the audit trail, for the web UI and remote management. */
@ProviderType
public interface AuditLog {

    /** Records matching the query, at most {@link AuditQuery#limit()}. */
    List<AuditRecord> query(AuditQuery query);

    /**
     * Records whose sequence number is greater than {@code sequence}, oldest first, at most
     * {@code limit}: what an exporter that has sent everything up to {@code sequence} sends next.
     * Only the segments that can hold such records are read. When the first record returned is not
     * {@code sequence + 1}, the records between were dropped by the size bound before they were read.
     *
     * @param sequence 0 or more; 0 reads from the oldest retained record
     * @param limit 1 to {@link AuditQuery#MAX_LIMIT}
     * @since 1.1
     */
    List<AuditRecord> readAfter(long sequence, int limit);

    /** Checks the whole retained hash chain and reports the first broken link, if any. */
    Verification verify();

    AuditStatus status();
}
