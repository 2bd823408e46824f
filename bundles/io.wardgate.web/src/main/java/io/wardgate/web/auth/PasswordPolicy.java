package io.wardgate.web.auth;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a new password must be: 12 to 256 characters (NIST SP 800-63B favours length over
 * composition rules), not the user name, and none of the defaults and words attackers try first.
 */
public final class PasswordPolicy {
    public static final int MIN = 12;
    private static final Set<String> BANNED = Set.of("password", "password1", "password123", "admin", "administrator",
            "changeme", "wardgate", "default", "123456789012", "qwertyuiopas", "letmein", "welcome", "kura",
            "admin123", "root", "secret", "passw0rd");

    private PasswordPolicy() {
    }

    /** Why the password is not acceptable, or empty when it is. */
    public static Optional<String> problem(String user, char[] password) {
        if (password == null || password.length < MIN) {
            return Optional.of("a password has at least " + MIN + " characters");
        }
        if (password.length > PasswordHasher.MAX_PASSWORD_CHARS) {
            return Optional.of("a password has at most " + PasswordHasher.MAX_PASSWORD_CHARS + " characters");
        }
        String lower = new String(password).toLowerCase(Locale.ROOT);
        if (lower.contains(user.toLowerCase(Locale.ROOT))) {
            return Optional.of("a password must not contain the user name");
        }
        if (BANNED.contains(lower) || lower.chars().distinct().count() < 4) {
            return Optional.of("this password is too easy to guess");
        }
        return Optional.empty();
    }
}
