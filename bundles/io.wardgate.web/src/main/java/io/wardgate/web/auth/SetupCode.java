package io.wardgate.web.auth;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The one-time code that creates the first administrator. It is written to the log at start
 * (a secret only until used); only its hash is kept. It works once, until it expires, and dies
 * after {@link #MAX_ATTEMPTS} wrong guesses; a restart of the service issues a new one while no user exists.
 */
public final class SetupCode {
    public static final int MAX_ATTEMPTS = 5;
    private static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    /** Why a code was refused or accepted. */
    public enum Result { ACCEPTED, WRONG, USED_OR_EXPIRED }

    private final Clock clock;
    private final Instant expires;
    private byte[] hash;
    private int wrongAttempts;

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
        if (candidate == null || candidate.length() > 64
                || !MessageDigest.isEqual(Secrets.sha256(normalize(candidate)), hash)) {
            if (++wrongAttempts >= MAX_ATTEMPTS) {
                hash = null;
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
