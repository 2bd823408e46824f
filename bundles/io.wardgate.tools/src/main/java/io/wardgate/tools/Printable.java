package io.wardgate.tools;

/** Text quoted in error messages: what the user typed, made safe for a terminal. */
final class Printable {
    private Printable() {
    }

    /** Printable ASCII (anything else becomes '?'), at most 60 characters. */
    static String of(String value) {
        String clean = value.replaceAll("[^\\x20-\\x7E]", "?");
        return clean.length() <= 60 ? clean : clean.substring(0, 60) + "...";
    }
}
