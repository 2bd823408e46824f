package io.wardgate.web.http;

import io.wardgate.shared.json.JsonWriter;
import java.time.Instant;
import java.util.Map;

/**
 * A minimal JSON writer for the API's answers (maps, lists, strings, numbers, booleans, null,
 * instants as ISO-8601 strings). The API reads only form fields, so there is no JSON parser to attack.
 */
public final class Json {
    static final int MAX_DEPTH = 32;

    private Json() {
    }

    public static String write(Object value) {
        StringBuilder out = new StringBuilder(256);
        write(out, value, 0);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("JSON nested deeper than " + MAX_DEPTH);
        }
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(out, s);
        } else if (value instanceof Boolean b) {
            out.append(b);
        } else if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
            out.append("null");
        } else if (value instanceof Float f && (f.isNaN() || f.isInfinite())) {
            out.append("null");
        } else if (value instanceof Number n) {
            out.append(n);
        } else if (value instanceof Instant i) {
            string(out, i.toString());
        } else if (value instanceof Enum<?> e) {
            string(out, e.name());
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(out, String.valueOf(entry.getKey()));
                out.append(':');
                write(out, entry.getValue(), depth + 1);
            }
            out.append('}');
        } else if (value instanceof Iterable<?> list) {
            out.append('[');
            boolean first = true;
            for (Object item : list) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(out, item, depth + 1);
            }
            out.append(']');
        } else {
            string(out, value.toString());
        }
    }

    /** Escapes quotes, backslashes, control characters, and '<', '>', '&' (never HTML-active). */
    static void string(StringBuilder out, String s) {
        JsonWriter.quote(s, JsonWriter.Escaping.HTML_SAFE, out);
    }
}
