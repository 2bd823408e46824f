package io.wardgate.web.auth;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The one-time code that creates the first administrator. It is written to the log at start
 * (a secret only until used); only its hash is kept. It works once, until it expires; a restart of
 * the service issues a new one while no user exists. After {@link #MAX_ATTEMPTS} wrong guesses it
 * refuses every guess for a cooldown that doubles each round (capped): with about 99 bits guessing
 * is hopeless anyway, and a stranger on the network must not be able to disable setup for good.
 */
public final class SetupCode {
    public static final int MAX_ATTEMPTS = 5;
    public static final Duration FIRST_COOLDOWN = Duration.ofMinutes(1);
    static final Duration MAX_COOLDOWN = Duration.ofMinutes(30);
    private static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    /** Why a code was refused or accepted. */
    public enum Result { ACCEPTED, WRONG, TOO_MANY_ATTEMPTS, USED_OR_EXPIRED }

    private final Clock clock;
    private final Instant expires;
    private byte[] hash;
    private int wrongAttempts;
    private int cooldowns;
    private Instant coolingUntil = Instant.MIN;

    private SetupCode(Clock clock, Instant expires, byte[] hash) {
        this.clock = clock;
        this.expires = expires;
        this.hash = hash;
    }

    /** Issues a new code; returns it with the holder. The caller logs the text once and forgets it. */
    public static Issued issue(Secrets secrets, Clock clock, Duration validity) {
        byte[] random = secrets.bytes(20);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            if (i > 0 && i % 5 == 0) {
                text.append('-');
            }
            // 31 symbols (no 0/O/1/I/L): 20 of them carry about 99 bits.
            text.append(ALPHABET.charAt((random[i] & 0xFF) % ALPHABET.length()));
        }
        String code = text.toString();
        return new Issued(code, new SetupCode(clock, clock.instant().plus(validity), Secrets.sha256(normalize(code))));
    }

    /** A freshly issued code and its holder. */
    public record Issued(String text, SetupCode holder) {
    }

    public Instant expires() {
        return expires;
    }

    public synchronized boolean isUsable() {
        return hash != null && clock.instant().isBefore(expires);
    }

    /** Checks a code and, when it is right, uses it up. */
    public synchronized Result consume(String candidate) {
        if (!isUsable()) {
            return Result.USED_OR_EXPIRED;
        }
        Instant now = clock.instant();
        if (now.isBefore(coolingUntil)) {
            return Result.TOO_MANY_ATTEMPTS;
        }
        if (candidate == null || candidate.length() > 64
                || !MessageDigest.isEqual(Secrets.sha256(normalize(candidate)), hash)) {
            if (++wrongAttempts >= MAX_ATTEMPTS) {
                wrongAttempts = 0;
                Duration cooldown = FIRST_COOLDOWN.multipliedBy(1L << Math.min(cooldowns++, 5));
                coolingUntil = now.plus(cooldown.compareTo(MAX_COOLDOWN) > 0 ? MAX_COOLDOWN : cooldown);
            }
            return Result.WRONG;
        }
        hash = null;
        return Result.ACCEPTED;
    }

    private static String normalize(String code) {
        return code.replace("-", "").replace(" ", "").toUpperCase(java.util.Locale.ROOT);
    }
}
