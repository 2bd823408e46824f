package io.wardgate.outbox;

import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The outbox's current alarm conditions; {@link #text()} is what status().alarm shows. */
final class OutboxAlarms {

    enum Condition {
        /** The database was corrupt and was moved aside; stays until restart so an operator sees it. */
        CORRUPT_MOVED_ASIDE,
        /** The database cannot be opened or written. */
        DATABASE_ERROR,
        /** The disk (or the configured database size limit) is full. */
        DISK_FULL,
        /** The configured capacity was reached and the policy applied. */
        CAPACITY,
        /** Envelopes older than the maximum age were dropped. */
        EXPIRED
    }

    private final Map<Condition, String> active = new EnumMap<>(Condition.class);

    /** Raises (or updates) a condition; true if it was not raised before. */
    synchronized boolean raise(Condition condition, String text) {
        return active.put(condition, text) == null;
    }

    /** Clears a condition; true if it was raised. */
    synchronized boolean clear(Condition condition) {
        return active.remove(condition) != null;
    }

    synchronized boolean isRaised(Condition condition) {
        return active.containsKey(condition);
    }

    synchronized String text() {
        return active.values().stream().collect(Collectors.joining("; "));
    }
}
