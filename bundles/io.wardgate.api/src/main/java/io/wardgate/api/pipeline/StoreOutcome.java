package io.wardgate.api.pipeline;

/** What happened to an envelope handed to the outbox. */
public enum StoreOutcome {
    STORED,
    /** Stored, after evicting older lower-priority envelopes (alarmed and audited). */
    STORED_AFTER_EVICTION,
    /** Not stored: the outbox is full and configured to refuse new data (alarmed and audited). */
    REFUSED_FULL,
    /** Not stored: the disk or database failed (alarmed and audited). */
    REFUSED_ERROR
}
