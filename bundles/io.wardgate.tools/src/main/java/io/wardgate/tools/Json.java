package io.wardgate.tools;

import io.wardgate.shared.json.JsonWriter;

/**
 * Just enough JSON for one object per line: a field appender over the shared writer's escaping
 * (io.wardgate.shared.json). Everything outside printable ASCII is escaped, so a hostile capture cannot put terminal control
 * sequences or line breaks into the output.
 */
final class Json {
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
        return JsonWriter.quote(value, JsonWriter.Escaping.ASCII, to);
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
