package io.wardgate.web.port;

import java.time.Instant;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/** Reading the audit trail back: search, and verification of its hash chain. */
@ConsumerType
public interface AuditLog {

    /**
     * Records, newest first, whose actor, action, target or detail contains {@code text}
     * (empty matches all) and whose time is within [from, to) (null: unbounded); at most {@code limit}.
     */
    List<AuditRecord> search(String text, Instant from, Instant to, int limit);

    /** Walks the whole chain and reports the first break, if any. */
    ChainCheck verifyChain();
}
