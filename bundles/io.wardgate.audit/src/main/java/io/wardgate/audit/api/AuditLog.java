package io.wardgate.audit.api;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** Read side of the audit trail, for the web UI and remote management. */
@ProviderType
public interface AuditLog {

    /** Records matching the query, at most {@link AuditQuery#limit()}. */
    List<AuditRecord> query(AuditQuery query);

    /** Checks the whole retained hash chain and reports the first broken link, if any. */
    Verification verify();

    AuditStatus status();
}
