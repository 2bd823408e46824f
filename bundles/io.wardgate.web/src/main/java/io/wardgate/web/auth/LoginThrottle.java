package io.wardgate.web.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Lockout after repeated failures, counted separately per user name and per source address:
 * {@code maxFailures} failures within {@code window} lock the key for {@code lockout}. While locked,
 * even the right password is refused. Thread-safe; the number of tracked keys is bounded.
 *
 * <p>Windows and lockouts are durations, so they are measured on the monotonic clock: a wall clock set
 * back by hours (NTP on a board without a real-time clock) would otherwise lengthen a lockout by hours,
 * and one set forward would lift it at once. The wall clock only says until when, for the UI.
 */
public final class LoginThrottle {
    static final int MAX_KEYS = 10_000;

    /** Settings; the per-address limit is higher because a ward's workstation is shared. */
    public record Limits(int maxFailuresPerUser, int maxFailuresPerAddress, Duration window, Duration lockout) {
        public Limits {
            if (maxFailuresPerUser < 1 || maxFailuresPerAddress < 1 || window.isNegative() || window.isZero()
                    || lockout.isNegative() || lockout.isZero()) {
                throw new IllegalArgumentException("limits must be positive");
            }
        }
    }

    private static final class Counter {
        int failures;
        long windowStart;
        boolean locked;
        long lockedUntil;
    }

    private final Clock clock;
    private final LongSupplier ticks;
    private volatile Limits limits;
    private final Map<String, Counter> counters = new HashMap<>();

    /**
     * On the system clock, durations are measured on {@link System#nanoTime()}; a test's own clock
     * (which it moves by hand) serves for both.
     */
    public LoginThrottle(Clock clock, Limits limits) {
        this(clock, isSystem(clock) ? System::nanoTime : () -> clock.millis() * 1_000_000L, limits);
    }

    /** @param ticks nanoseconds on a clock a wall-clock step does not move */
    public LoginThrottle(Clock clock, LongSupplier ticks, Limits limits) {
        this.clock = clock;
        this.ticks = ticks;
        this.limits = limits;
    }

    private static boolean isSystem(Clock clock) {
        return clock.equals(Clock.systemUTC()) || clock.equals(Clock.systemDefaultZone());
    }

    public void setLimits(Limits newLimits) {
        this.limits = newLimits;
    }

    /** When the user or the address is locked, until when; empty when neither is. */
    public synchronized Optional<Instant> lockedUntil(String user, String address) {
        long now = ticks.getAsLong();
        long remaining = 0;
        for (String key : new String[] {userKey(user), addressKey(address)}) {
            Counter c = counters.get(key);
            if (c != null && locked(c, now)) {
                remaining = Math.max(remaining, c.lockedUntil - now);
            }
        }
        return remaining == 0 ? Optional.empty() : Optional.of(clock.instant().plusNanos(remaining));
    }

    private static boolean locked(Counter c, long now) {
        return c.locked && c.lockedUntil - now > 0;
    }

    /** Counts a failure; returns whether this failure locked the user or the address. */
    public synchronized boolean recordFailure(String user, String address) {
        boolean userLocked = count(userKey(user), limits.maxFailuresPerUser());
        boolean addressLocked = count(addressKey(address), limits.maxFailuresPerAddress());
        return userLocked || addressLocked;
    }

    /** A successful login clears the user's count (the address keeps its count: it may be guessing many names). */
    public synchronized void recordSuccess(String user) {
        Counter c = counters.get(userKey(user));
        if (c != null && !locked(c, ticks.getAsLong())) {
            counters.remove(userKey(user));
        }
    }

    /** An administrator lifts a user's lockout. */
    public synchronized void unlock(String user) {
        counters.remove(userKey(user));
    }

    synchronized int trackedKeys() {
        return counters.size();
    }

    private boolean count(String key, int max) {
        long now = ticks.getAsLong();
        Counter c = counters.get(key);
        if (c == null) {
            makeRoom(now);
            c = new Counter();
            c.windowStart = now;
            counters.put(key, c);
        }
        if (locked(c, now)) {
            return false;
        }
        if (now - c.windowStart > limits.window().toNanos()) {
            c.failures = 0;
            c.windowStart = now;
        }
        c.failures++;
        if (c.failures >= max) {
            c.locked = true;
            c.lockedUntil = now + limits.lockout().toNanos();
            c.failures = 0;
            c.windowStart = now;
            return true;
        }
        return false;
    }

    private void makeRoom(long now) {
        if (counters.size() < MAX_KEYS) {
            return;
        }
        Duration keep = limits.window().compareTo(limits.lockout()) > 0 ? limits.window() : limits.lockout();
        counters.values().removeIf(c -> !locked(c, now) && now - c.windowStart > keep.toNanos());
        // Still full of fresh entries: drop unlocked ones first, so locks are the last thing lost.
        Iterator<Counter> it = counters.values().iterator();
        while (counters.size() >= MAX_KEYS && it.hasNext()) {
            if (!locked(it.next(), now)) {
                it.remove();
            }
        }
        it = counters.values().iterator();
        while (counters.size() >= MAX_KEYS && it.hasNext()) {
            it.next();
            it.remove();
        }
    }

    private static String userKey(String user) {
        return "u:" + (user == null ? "" : user);
    }

    private static String addressKey(String address) {
        return "a:" + (address == null ? "" : address);
    }
}
