package io.wardgate.web.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Server-side sessions behind a random cookie value. The store keys them by a SHA-256 of the
 * cookie, so a lookup's timing says nothing about valid ids and a memory dump holds no usable id.
 * Sessions end after {@code idleTimeout} without a request, after {@link #MAX_AGE} in any case,
 * at logout, or when the user is changed or removed. Every login and every change of stage makes
 * a new id (the old one stops working).
 */
public final class SessionStore {
    public static final Duration MAX_AGE = Duration.ofHours(12);
    static final int MAX_SESSIONS = 256;

    private final Clock clock;
    private final Secrets secrets;
    private volatile Duration idleTimeout;
    private final Map<String, Session> sessions = new HashMap<>();

    public SessionStore(Clock clock, Secrets secrets, Duration idleTimeout) {
        this.clock = clock;
        this.secrets = secrets;
        this.idleTimeout = idleTimeout;
    }

    public void setIdleTimeout(Duration timeout) {
        this.idleTimeout = timeout;
    }

    /** A new session; returns its cookie value. The oldest session goes when the store is full. */
    public synchronized String create(String user, Role role, Session.Stage stage) {
        Instant now = clock.instant();
        expire(now);
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.entrySet().stream().min((a, b) -> a.getValue().lastSeen().compareTo(b.getValue().lastSeen()))
                    .ifPresent(oldest -> sessions.remove(oldest.getKey()));
        }
        String id = secrets.token(32);
        sessions.put(key(id), new Session(user, role, stage, secrets.token(32), now, now));
        return id;
    }

    /** The live session for a cookie value, marked as used now; empty when unknown or expired. */
    public synchronized Optional<Session> touch(String id) {
        if (id == null || id.length() > 64) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        String key = key(id);
        Session session = sessions.get(key);
        if (session == null) {
            return Optional.empty();
        }
        if (isExpired(session, now)) {
            sessions.remove(key);
            return Optional.empty();
        }
        Session touched = session.touched(now);
        sessions.put(key, touched);
        return Optional.of(touched);
    }

    public synchronized void invalidate(String id) {
        if (id != null && id.length() <= 64) {
            sessions.remove(key(id));
        }
    }

    /** Ends every session of a user (password change, role change, removal). */
    public synchronized void invalidateUser(String user) {
        sessions.values().removeIf(s -> s.user().equals(user));
    }

    public synchronized int size() {
        return sessions.size();
    }

    private void expire(Instant now) {
        sessions.values().removeIf(s -> isExpired(s, now));
    }

    private boolean isExpired(Session s, Instant now) {
        return !now.isBefore(s.lastSeen().plus(idleTimeout)) || !now.isBefore(s.createdAt().plus(MAX_AGE));
    }

    private static String key(String id) {
        return Base64.getEncoder().encodeToString(Secrets.sha256(id));
    }
}
