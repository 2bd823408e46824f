package io.wardgate.web.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Lockout after repeated failures, counted separately per user name and per source address:
 * {@code maxFailures} failures within {@code window} lock the key for {@code lockout}. While locked,
 * even the right password is refused. Thread-safe; the number of tracked keys is bounded.
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
        Instant windowStart;
        Instant lockedUntil = Instant.MIN;
    }

    private final Clock clock;
    private volatile Limits limits;
    private final Map<String, Counter> counters = new HashMap<>();

    public LoginThrottle(Clock clock, Limits limits) {
        this.clock = clock;
        this.limits = limits;
    }

    public void setLimits(Limits newLimits) {
        this.limits = newLimits;
    }

    /** When the user or the address is locked, until when; empty when neither is. */
    public synchronized Optional<Instant> lockedUntil(String user, String address) {
        Instant now = clock.instant();
        Instant until = Instant.MIN;
        for (String key : new String[] {userKey(user), addressKey(address)}) {
            Counter c = counters.get(key);
            if (c != null && c.lockedUntil.isAfter(now) && c.lockedUntil.isAfter(until)) {
                until = c.lockedUntil;
            }
        }
        return until.equals(Instant.MIN) ? Optional.empty() : Optional.of(until);
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
        if (c != null && !c.lockedUntil.isAfter(clock.instant())) {
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
        Instant now = clock.instant();
        Counter c = counters.get(key);
        if (c == null) {
            makeRoom(now);
            c = new Counter();
            c.windowStart = now;
            counters.put(key, c);
        }
        if (c.lockedUntil.isAfter(now)) {
            return false;
        }
        if (Duration.between(c.windowStart, now).compareTo(limits.window()) > 0) {
            c.failures = 0;
            c.windowStart = now;
        }
        c.failures++;
        if (c.failures >= max) {
            c.lockedUntil = now.plus(limits.lockout());
            c.failures = 0;
            c.windowStart = now;
            return true;
        }
        return false;
    }

    private void makeRoom(Instant now) {
        if (counters.size() < MAX_KEYS) {
            return;
        }
        Duration keep = limits.window().compareTo(limits.lockout()) > 0 ? limits.window() : limits.lockout();
        counters.values().removeIf(c -> !c.lockedUntil.isAfter(now) && c.windowStart.plus(keep).isBefore(now));
        // Still full of fresh entries: drop unlocked ones first, so locks are the last thing lost.
        Iterator<Counter> it = counters.values().iterator();
        while (counters.size() >= MAX_KEYS && it.hasNext()) {
            if (!it.next().lockedUntil.isAfter(now)) {
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
