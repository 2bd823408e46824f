package io.wardgate.web.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Server-side sessions behind a random cookie value. The store keys them by a SHA-256 of the
 * cookie, so a lookup's timing says nothing about valid ids and a memory dump holds no usable id.
 * Sessions end after {@code idleTimeout} without a request, after {@link #MAX_AGE} in any case,
 * at logout, or when the user is changed or removed. Every login and every change of stage makes
 * a new id (the old one stops working).
 *
 * <p>Idle time and age are durations, so they are measured on the monotonic clock (as the login
 * lockout is): a wall clock stepped forward by days (NTP on a board without a real-time clock) would
 * otherwise log everyone out, and one stepped back by hours would keep a session alive for hours
 * longer than {@link #MAX_AGE}. The wall clock only fills the session's times for display.
 */
public final class SessionStore {
    public static final Duration MAX_AGE = Duration.ofHours(12);
    static final int MAX_SESSIONS = 256;

    /** A session and its monotonic times (nanoseconds of {@code ticks}). */
    private record Entry(Session session, long createdTick, long lastTick) {
    }

    private final Clock clock;
    private final LongSupplier ticks;
    private final Secrets secrets;
    private volatile Duration idleTimeout;
    private final Map<String, Entry> sessions = new HashMap<>();

    /**
     * On the system clock, durations are measured on {@link System#nanoTime()}; a test's own clock
     * (which it moves by hand) serves for both.
     */
    public SessionStore(Clock clock, Secrets secrets, Duration idleTimeout) {
        this(clock, isSystem(clock) ? System::nanoTime : () -> clock.millis() * 1_000_000L, secrets, idleTimeout);
    }

    /** @param ticks nanoseconds on a clock a wall-clock step does not move */
    public SessionStore(Clock clock, LongSupplier ticks, Secrets secrets, Duration idleTimeout) {
        this.clock = clock;
        this.ticks = ticks;
        this.secrets = secrets;
        this.idleTimeout = idleTimeout;
    }

    private static boolean isSystem(Clock clock) {
        return clock.equals(Clock.systemUTC()) || clock.equals(Clock.systemDefaultZone());
    }

    public void setIdleTimeout(Duration timeout) {
        this.idleTimeout = timeout;
    }

    /** A new session; returns its cookie value. The least recently used session goes when the store is full. */
    public synchronized String create(String user, Role role, Session.Stage stage) {
        long tick = ticks.getAsLong();
        Instant now = clock.instant();
        expire(tick);
        if (sessions.size() >= MAX_SESSIONS) {
            // ticks may wrap: compare differences, never the values themselves
            sessions.entrySet().stream().min((a, b) -> Long.compare(a.getValue().lastTick() - tick,
                    b.getValue().lastTick() - tick)).ifPresent(oldest -> sessions.remove(oldest.getKey()));
        }
        String id = secrets.token(32);
        sessions.put(key(id), new Entry(new Session(user, role, stage, secrets.token(32), now, now), tick, tick));
        return id;
    }

    /** The live session for a cookie value, marked as used now; empty when unknown or expired. */
    public synchronized Optional<Session> touch(String id) {
        if (id == null || id.length() > 64) {
            return Optional.empty();
        }
        long tick = ticks.getAsLong();
        String key = key(id);
        Entry entry = sessions.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (isExpired(entry, tick)) {
            sessions.remove(key);
            return Optional.empty();
        }
        Session touched = entry.session().touched(clock.instant());
        sessions.put(key, new Entry(touched, entry.createdTick(), tick));
        return Optional.of(touched);
    }

    public synchronized void invalidate(String id) {
        if (id != null && id.length() <= 64) {
            sessions.remove(key(id));
        }
    }

    /** Ends every session of a user (password change, role change, removal). */
    public synchronized void invalidateUser(String user) {
        sessions.values().removeIf(e -> e.session().user().equals(user));
    }

    public synchronized int size() {
        return sessions.size();
    }

    private void expire(long tick) {
        sessions.values().removeIf(e -> isExpired(e, tick));
    }

    private boolean isExpired(Entry e, long tick) {
        return tick - e.lastTick() >= idleTimeout.toNanos() || tick - e.createdTick() >= MAX_AGE.toNanos();
    }

    private static String key(String id) {
        return Base64.getEncoder().encodeToString(Secrets.sha256(id));
    }
}
