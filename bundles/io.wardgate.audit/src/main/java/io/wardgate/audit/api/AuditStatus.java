package io.wardgate.audit.api;

/**
 * How the audit trail is doing.
 *
 * @param bytes bytes used by the retained segments
 * @param maxBytes the configured bound
 * @param segments retained segment files
 * @param firstSegment the oldest retained segment number
 * @param lastSequence the sequence number of the newest record, 0 when none
 * @param lastHash the hash of the newest record (or the anchor when there is none): export it to
 *        check later, off the gateway, that the trail was not rewritten from the start
 * @param nearFull usage is at or above the configured warning percentage
 * @param segmentsDropped segments dropped by the bound since the trail was opened
 * @param tornWritesRecovered incomplete last lines found and quarantined when the trail was opened
 * @param lastError the last write error, or empty
 */
public record AuditStatus(long bytes, long maxBytes, int segments, long firstSegment, long lastSequence, String lastHash,
        boolean nearFull, long segmentsDropped, int tornWritesRecovered, String lastError) {
    public int percentUsed() {
        return (int) Math.min(100, bytes * 100 / Math.max(1, maxBytes));
    }
}
