package io.wardgate.web.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes (RFC 9106) in the PHC string format
 * {@code $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>}, so parameters can be raised
 * later without breaking stored hashes. Bouncy Castle does the work; this class is our seam to it.
 */
public final class PasswordHasher {
    /**
     * OWASP Password Storage Cheat Sheet: Argon2id with m=12 MiB, t=3, p=1 is one of its
     * equivalent minimum configurations; chosen over m=19 MiB, t=2 because the appliance runs with a
     * 64 MiB heap.
     */
    public static final Params DEFAULT = new Params(12 * 1024, 3, 1);
    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;
    static final int MAX_PASSWORD_CHARS = 256;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=([0-9]{1,6}),t=([0-9]{1,2}),p=([0-9]{1,2})\\$([A-Za-z0-9+/]{16,64})\\$([A-Za-z0-9+/]{16,128})");

    /** Argon2id cost: memory in KiB, passes, lanes. Bounded so a tampered user file cannot exhaust memory. */
    public record Params(int memoryKiB, int iterations, int parallelism) {
        public Params {
            if (memoryKiB < 8 || memoryKiB > 64 * 1024 || iterations < 1 || iterations > 10 || parallelism < 1
                    || parallelism > 4 || memoryKiB < 8 * parallelism) {
                throw new IllegalArgumentException("Argon2id parameters out of bounds");
            }
        }
    }

    private final Params params;
    private final Secrets secrets;
    // Each hash holds memoryKiB of heap: one at a time, which also slows password guessing.
    private final Semaphore permits = new Semaphore(1, true);

    public PasswordHasher(Params params, Secrets secrets) {
        this.params = params;
        this.secrets = secrets;
    }

    public String hash(char[] password) {
        requireBounded(password);
        byte[] salt = secrets.bytes(SALT_BYTES);
        byte[] hash = derive(password, salt, params, HASH_BYTES);
        return "$argon2id$v=19$m=" + params.memoryKiB() + ",t=" + params.iterations() + ",p=" + params.parallelism()
                + "$" + b64(salt) + "$" + b64(hash);
    }

    /** Whether the password matches a stored hash; a malformed stored hash matches nothing. */
    public boolean verify(char[] password, String stored) {
        if (password == null || password.length > MAX_PASSWORD_CHARS || stored == null) {
            return false;
        }
        Matcher m = PHC.matcher(stored);
        if (!m.matches()) {
            return false;
        }
        try {
            Params p = new Params(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
            byte[] salt = Base64.getDecoder().decode(m.group(4));
            byte[] expected = Base64.getDecoder().decode(m.group(5));
            return MessageDigest.isEqual(derive(password, salt, p, expected.length), expected);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Spends the same work as a real check, for unknown users (no timing hint that a name exists). */
    public void burn(char[] password) {
        derive(password, new byte[SALT_BYTES], params, HASH_BYTES);
    }

    /** Whether a stored hash uses weaker parameters than the current ones (rehash at next login). */
    public boolean needsRehash(String stored) {
        Matcher m = PHC.matcher(stored);
        return !m.matches() || Integer.parseInt(m.group(1)) < params.memoryKiB()
                || Integer.parseInt(m.group(2)) < params.iterations();
    }

    /** Raw Argon2id (version 0x13), with the optional secret and associated data RFC 9106 defines. */
    static byte[] derive(char[] password, byte[] salt, Params p, int length, byte[] secret, byte[] associated) {
        Argon2Parameters.Builder builder = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(p.memoryKiB())
                .withIterations(p.iterations()).withParallelism(p.parallelism()).withSalt(salt);
        if (secret != null) {
            builder.withSecret(secret);
        }
        if (associated != null) {
            builder.withAdditional(associated);
        }
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(builder.build());
        byte[] out = new byte[length];
        byte[] utf8 = toUtf8(password);
        try {
            generator.generateBytes(utf8, out);
        } finally {
            Arrays.fill(utf8, (byte) 0);
        }
        return out;
    }

    static byte[] toUtf8(char[] password) {
        java.nio.ByteBuffer buffer = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(password));
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        if (buffer.hasArray()) {
            Arrays.fill(buffer.array(), (byte) 0);
        }
        return bytes;
    }

    private byte[] derive(char[] password, byte[] salt, Params p, int length) {
        permits.acquireUninterruptibly();
        try {
            return derive(password, salt, p, length, null, null);
        } finally {
            permits.release();
        }
    }

    private static void requireBounded(char[] password) {
        if (password == null || password.length > MAX_PASSWORD_CHARS) {
            throw new IllegalArgumentException("a password has at most " + MAX_PASSWORD_CHARS + " characters");
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().withoutPadding().encodeToString(bytes);
    }
}
