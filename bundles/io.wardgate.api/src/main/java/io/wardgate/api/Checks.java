package io.wardgate.api;

import java.util.Objects;
import java.util.regex.Pattern;

/** Bounds checks shared by the value types. Every external string is bounded and printable. */
final class Checks {
    private static final Pattern PRINTABLE = Pattern.compile("[\\x20-\\x7E]*");

    private Checks() {
    }

    static String printable(String value, String name, int maxLength) {
        Objects.requireNonNull(value, name);
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(name + " is longer than " + maxLength + " characters");
        }
        if (!PRINTABLE.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " contains characters other than printable ASCII");
        }
        return value;
    }

    static String matches(String value, String name, Pattern pattern, String rule) {
        Objects.requireNonNull(value, name);
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be " + rule + ", was '" + shorten(value) + "'");
        }
        return value;
    }

    /** Quotes at most 40 characters of bad input in an error message. */
    static String shorten(String value) {
        String printable = value.replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() <= 40 ? printable : printable.substring(0, 40) + "...";
    }
}
