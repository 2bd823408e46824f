package io.wardgate.audit.api;

import io.wardgate.api.pipeline.AuditEvent;
import java.time.Instant;
import java.util.Objects;

/**
 * One stored audit record: the event (who, what, when, target, outcome, detail), where it happened
 * (gateway id and location), and its place in the hash chain.
 *
 * @param sequence position in the whole trail, from 1, never reused
 * @param event who did what, when, with what outcome
 * @param gatewayId the gateway that wrote it
 * @param location where that gateway stands, as configured
 * @param previousHash hex SHA-256 of the previous record (or the segment's anchor)
 * @param hash hex SHA-256 over this record's canonical encoding, previous hash included
 * @param segment the segment file number holding it
 * @param index its index within that segment, from 0
 */
public record AuditRecord(long sequence, AuditEvent event, String gatewayId, String location, String previousHash,
        String hash, long segment, long index) {
    public AuditRecord {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(gatewayId, "gatewayId");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
    }

    public Instant at() {
        return event.at();
    }

    public String action() {
        return event.action();
    }

    public String actor() {
        return event.actor();
    }
}
