package io.wardgate.manage;

import java.util.regex.Pattern;

/** Failure texts in plain words: one line, the innermost cause, without Java class names. */
final class Plain {
    private static final Pattern EXCEPTION_PREFIX = Pattern.compile(
            "^(?:Caused by: )?(?:[a-zA-Z_$][\\w$]*\\.)*[A-Z][\\w$]*(?:Exception|Error)(?::\\s*|$)");

    private Plain() {
    }

    /** The most useful line of a DS failure or exception text: the last "Caused by", unprefixed. */
    static String reason(String failure) {
        if (failure == null || failure.isBlank()) {
            return "no reason given";
        }
        String best = failure.lines().findFirst().orElse("");
        for (String line : (Iterable<String>) failure.lines()::iterator) {
            if (line.startsWith("Caused by: ")) {
                best = line;
            }
        }
        String text = line(best.startsWith("Caused by: ") ? best.substring("Caused by: ".length()) : best);
        // "component X failed to activate with P: java.lang.IllegalArgumentException: why" keeps its head.
        int at = text.indexOf(": ");
        while (at >= 0) {
            String tail = text.substring(at + 2);
            String stripped = EXCEPTION_PREFIX.matcher(tail).replaceFirst("");
            if (!stripped.equals(tail)) {
                text = text.substring(0, at + 2) + stripped;
            }
            at = text.indexOf(": ", at + 2);
        }
        String stripped = EXCEPTION_PREFIX.matcher(text).replaceFirst("");
        return stripped.isBlank() ? "no reason given" : stripped;
    }

    /** One printable line of at most 300 characters. */
    static String line(String text) {
        String one = text == null ? "" : text.lines().findFirst().orElse("").replaceAll("[^\\x20-\\x7E]", "?").strip();
        return one.length() > 300 ? one.substring(0, 297) + "..." : one;
    }
}
