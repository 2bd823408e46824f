package io.wardgate.web.port;

import io.wardgate.api.pipeline.AuditEvent;
import java.util.Objects;

/**
 * A stored audit event.
 *
 * @param sequence its position in the chain, from 0
 * @param event the event
 * @param hash the chain hash over this record and its predecessor, hex
 */
public record AuditRecord(long sequence, AuditEvent event, String hash) {
    public AuditRecord {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(hash, "hash");
    }
}
