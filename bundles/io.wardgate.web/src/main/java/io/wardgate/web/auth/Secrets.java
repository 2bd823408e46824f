package io.wardgate.web.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Random tokens and constant-time comparison. One SecureRandom per owner, never a static one. */
public final class Secrets {
    private final SecureRandom random;

    public Secrets(SecureRandom random) {
        this.random = random;
    }

    public byte[] bytes(int count) {
        byte[] out = new byte[count];
        random.nextBytes(out);
        return out;
    }

    /** A URL-safe token carrying {@code byteCount} random bytes. */
    public String token(int byteCount) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(byteCount));
    }

    /** Compares two strings in time independent of where they differ. Null never equals anything. */
    public static boolean constantTimeEquals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
