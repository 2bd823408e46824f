package io.wardgate.tools;

import io.wardgate.shared.json.JsonWriter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON to and from the plain values of a management request or reply (String, Long, Boolean, null,
 * List, Map; byte[] is written as a hex string). The parser takes only what a command line holds:
 * bounded depth and length, integers only (a decimal number is refused: write it as text).
 */
final class JsonValues {
    static final int MAX_LENGTH = 64 * 1024;
    private static final int MAX_DEPTH = 16;

    private final String text;
    private int at;

    private JsonValues(String text) {
        this.text = text;
    }

    static Object parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("JSON longer than " + MAX_LENGTH + " characters");
        }
        JsonValues parser = new JsonValues(text);
        Object value = parser.value(0);
        parser.space();
        if (parser.at != text.length()) {
            throw parser.error("unexpected text after the value");
        }
        return value;
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nested too deep");
        }
        space();
        if (at >= text.length()) {
            throw error("value expected");
        }
        char c = text.charAt(at);
        if (c == '{') {
            Map<String, Object> map = new LinkedHashMap<>();
            at++;
            space();
            if (peek('}')) {
                return map;
            }
            do {
                space();
                Object key = value(depth + 1);
                if (!(key instanceof String name)) {
                    throw error("object keys are strings");
                }
                space();
                expect(':');
                map.put(name, value(depth + 1));
                space();
            } while (peek(','));
            expect('}');
            return map;
        }
        if (c == '[') {
            List<Object> list = new ArrayList<>();
            at++;
            space();
            if (peek(']')) {
                return list;
            }
            do {
                list.add(value(depth + 1));
                space();
            } while (peek(','));
            expect(']');
            return list;
        }
        if (c == '"') {
            return string();
        }
        for (String word : new String[] {"true", "false", "null"}) {
            if (text.startsWith(word, at)) {
                at += word.length();
                return word.equals("null") ? null : Boolean.valueOf(word);
            }
        }
        int start = at;
        if (c == '-') {
            at++;
        }
        while (at < text.length() && Character.isDigit(text.charAt(at))) {
            at++;
        }
        if (start == at || at < text.length() && ".eE".indexOf(text.charAt(at)) >= 0) {
            throw error("integers only (write decimals as text)");
        }
        try {
            return Long.valueOf(text.substring(start, at));
        } catch (NumberFormatException e) {
            throw error("integer out of range");
        }
    }

    private String string() {
        StringBuilder out = new StringBuilder();
        at++;
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\' && at < text.length()) {
                char e = text.charAt(at++);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'u' -> {
                        if (at + 4 > text.length()) {
                            throw error("bad \\u escape");
                        }
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> out.append(e);
                }
            } else {
                out.append(c);
            }
        }
        throw error("unterminated string");
    }

    private void space() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private boolean peek(char c) {
        if (at < text.length() && text.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw error("'" + c + "' expected");
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("bad JSON at character " + at + ": " + what);
    }

    /** Pretty enough JSON of a reply: one line, keys in the reply's order, byte strings as hex. */
    static String write(Object value) {
        JsonWriter json = new JsonWriter(JsonWriter.Escaping.ASCII);
        write(value, json);
        return json.toString();
    }

    private static void write(Object value, JsonWriter json) {
        if (value == null) {
            json.nullValue();
        } else if (value instanceof Long || value instanceof Integer) {
            json.value(((Number) value).longValue());
        } else if (value instanceof Boolean b) {
            json.value(b.booleanValue());
        } else if (value instanceof byte[] bytes) {
            json.value(HexFormat.of().formatHex(bytes));
        } else if (value instanceof Map<?, ?> map) {
            json.beginObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                json.name(String.valueOf(entry.getKey()));
                write(entry.getValue(), json);
            }
            json.endObject();
        } else if (value instanceof List<?> list) {
            json.beginArray();
            for (Object item : list) {
                write(item, json);
            }
            json.endArray();
        } else {
            json.value(String.valueOf(value));
        }
    }
}
