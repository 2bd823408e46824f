package io.wardgate.web.auth;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP): HMAC-SHA1, 30 s steps, T0 = 0.
 * Six digits is what every authenticator app shows; the digit count is a parameter so the tests
 * can use the eight-digit vectors of RFC 6238 Appendix B as printed.
 */
public final class Totp {
    public static final int STEP_SECONDS = 30;
    public static final int DIGITS = 6;
    /** Steps before and after now that are still accepted, for clocks a little apart. */
    static final int WINDOW = 1;

    private Totp() {
    }

    public static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
    }

    /** The code for a time step (RFC 4226 section 5.3 dynamic truncation). */
    public static String code(byte[] secret, long step, int digits) {
        if (digits < 6 || digits > 9) {
            throw new IllegalArgumentException("6 to 9 digits");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0F;
            int binary = ((hash[offset] & 0x7F) << 24) | ((hash[offset + 1] & 0xFF) << 16)
                    | ((hash[offset + 2] & 0xFF) << 8) | (hash[offset + 3] & 0xFF);
            int modulus = (int) Math.pow(10, digits);
            return String.format("%0" + digits + "d", binary % modulus);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every Java platform", e);
        }
    }

    /**
     * The step a six-digit code matches, within the window around {@code now} and strictly after
     * {@code lastUsedStep} (a code is never accepted twice); empty when it matches none.
     */
    public static OptionalLong verify(byte[] secret, String code, Instant now, long lastUsedStep) {
        if (code == null || !code.matches("[0-9]{6}")) {
            return OptionalLong.empty();
        }
        long current = step(now);
        OptionalLong match = OptionalLong.empty();
        // Every candidate is computed and compared, so timing does not tell which step matched.
        for (long s = current - WINDOW; s <= current + WINDOW; s++) {
            if (Secrets.constantTimeEquals(code(secret, s, DIGITS), code) && s > lastUsedStep && match.isEmpty()) {
                match = OptionalLong.of(s);
            }
        }
        return match;
    }

    /** The otpauth URI authenticator apps read from the QR code. */
    public static String uri(String issuer, String account, byte[] secret) {
        String label = encode(issuer) + ":" + encode(account);
        return "otpauth://totp/" + label + "?secret=" + Base32.encode(secret) + "&issuer=" + encode(issuer)
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP_SECONDS;
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
