package io.wardgate.audit.syslog.api;

import java.time.Instant;

/**
 * How far the audit export has got.
 *
 * @param collector the collector, host:port
 * @param lastSequence the newest record in the audit trail
 * @param confirmedSequence the newest record the collector confirmed (by closing the session cleanly
 *        after reading everything); the durable cursor
 * @param behind records written but not yet confirmed
 * @param sentMessages messages written to the collector since start (duplicates included)
 * @param resentMessages messages sent again after an unconfirmed session (the collector drops them by sequence)
 * @param droppedBeforeExport records the audit trail's size bound dropped before they could be sent
 * @param lastConfirmed when the collector last confirmed a session, or null
 * @param lastError the last connection or TLS error, or empty
 * @param alarm why the export needs attention (too far behind, records dropped), or empty
 */
public record AtnaExportStatus(String collector, long lastSequence, long confirmedSequence, long behind,
        long sentMessages, long resentMessages, long droppedBeforeExport, Instant lastConfirmed, String lastError,
        String alarm) {
}
