package io.wardgate.audit.api;

import java.time.Instant;
import java.util.Objects;

/**
 * Which records to return.
 *
 * @param from earliest event time, inclusive; null for no lower bound
 * @param to latest event time, exclusive; null for no upper bound
 * @param action exact action code, or empty for any
 * @param actor exact actor, or empty for any
 * @param limit 1 to {@value #MAX_LIMIT} records
 * @param newestFirst true: the newest matches, newest first; false: the oldest matches, oldest first
 */
public record AuditQuery(Instant from, Instant to, String action, String actor, int limit, boolean newestFirst) {
    public static final int MAX_LIMIT = 10_000;

    public AuditQuery {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(actor, "actor");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ": " + limit);
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("'to' lies before 'from'");
        }
    }

    /** The newest {@code limit} records of any kind. */
    public static AuditQuery latest(int limit) {
        return new AuditQuery(null, null, "", "", limit, true);
    }

    public AuditQuery withAction(String newAction) {
        return new AuditQuery(from, to, newAction, actor, limit, newestFirst);
    }

    public AuditQuery withActor(String newActor) {
        return new AuditQuery(from, to, action, newActor, limit, newestFirst);
    }

    public AuditQuery between(Instant newFrom, Instant newTo) {
        return new AuditQuery(newFrom, newTo, action, actor, limit, newestFirst);
    }

    public boolean matches(AuditRecord record) {
        Instant at = record.at();
        return (from == null || !at.isBefore(from)) && (to == null || at.isBefore(to))
                && (action.isEmpty() || action.equals(record.action()))
                && (actor.isEmpty() || actor.equals(record.actor()));
    }
}
