package io.wardgate.tools;

/**
 * Just enough JSON for one object per line: a string escaper and a field appender. Hand-written
 * because the output is flat and small; a library would be the only third-party jar of the tool.
 * Everything outside printable ASCII is escaped, so a hostile capture cannot put terminal control
 * sequences or line breaks into the output.
 */
final class Json {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder text = new StringBuilder(128).append('{');

    Json string(String name, String value) {
        name(name);
        if (value == null) {
            text.append("null");
        } else {
            quote(value, text);
        }
        return this;
    }

    Json number(String name, long value) {
        name(name);
        text.append(value);
        return this;
    }

    /** A value that is already JSON (an array or object built by the caller). */
    Json raw(String name, String json) {
        name(name);
        text.append(json);
        return this;
    }

    /** The object, closed, without a line break. */
    String end() {
        return text.append('}').toString();
    }

    static String quote(String value) {
        return quote(value, new StringBuilder(value.length() + 2)).toString();
    }

    static StringBuilder quote(String value, StringBuilder to) {
        to.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> to.append("\\\"");
                case '\\' -> to.append("\\\\");
                case '\n' -> to.append("\\n");
                case '\r' -> to.append("\\r");
                case '\t' -> to.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7E) {
                        to.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF])
                                .append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
                    } else {
                        to.append(c);
                    }
                }
            }
        }
        return to.append('"');
    }

    /** For error messages quoting what the user typed: printable ASCII, at most 60 characters. */
    static String printable(String value) {
        String clean = value.replaceAll("[^\\x20-\\x7E]", "?");
        return clean.length() <= 60 ? clean : clean.substring(0, 60) + "...";
    }

    private void name(String name) {
        if (text.length() > 1) {
            text.append(',');
        }
        quote(name, text).append(':');
    }
}
