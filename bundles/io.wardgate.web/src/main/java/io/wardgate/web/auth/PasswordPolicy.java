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
    private static final Set<String> BANNED = load();

    private PasswordPolicy() {
    }

    /** The list of common passwords shipped in the bundle (one a line, "#" comments). */
    private static Set<String> load() {
        try (java.io.InputStream in = PasswordPolicy.class.getResourceAsStream("common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("common-passwords.txt is missing from the bundle");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(java.util.stream.Collectors.toUnmodifiableSet());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Runs of digits only ("123456789012"), which a list cannot hold all of. */
    private static boolean isSequence(String lower) {
        return lower.chars().allMatch(Character::isDigit);
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
        // "password1234", "!Welcome2026": a common word with digits and punctuation around it is no better.
        String stem = lower.replaceAll("^[^a-z]+|[^a-z]+$", "");
        if (BANNED.contains(lower) || BANNED.contains(stem) || lower.chars().distinct().count() < 4
                || isSequence(lower)) {
            return Optional.of("this password is too easy to guess");
        }
        return Optional.empty();
    }
}
