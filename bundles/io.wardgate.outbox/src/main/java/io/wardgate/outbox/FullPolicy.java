package io.wardgate.outbox;

/** What the outbox does when it is full (by capacity, or because the disk is full). Both alarm and audit. */
public enum FullPolicy {
    /** Evict the oldest envelopes of the lowest priority (never of a higher priority than the new one). */
    DROP_OLDEST_LOWEST_PRIORITY,
    /** Keep what is stored and refuse the new envelope. */
    REFUSE_NEW
}
