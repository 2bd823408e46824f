package io.wardgate.shared.json;

import java.math.BigDecimal;

/**
 * A small streaming JSON writer: objects, arrays, names, strings, numbers, booleans, null. Strings are
 * escaped per RFC 8259 (quote, backslash, control characters) plus U+2028/U+2029; {@link Escaping#ASCII}
 * also escapes everything outside printable ASCII (terminal output from hostile input), {@link
 * Escaping#HTML_SAFE} also '<', '>' and '&' (answers a browser reads). Not thread-safe; one per document.
 */
public final class JsonWriter {
    /**
     * How much beyond RFC 8259's minimum a string is escaped, and which control characters get the
     * two-character escapes (\n, \r, \t) rather than a six-character unicode escape. The ASCII
     * variants differ only in the latter; each keeps the exact bytes of an output format that existed
     * before this writer.
     */
    public enum Escaping {
        STANDARD("\n\r\t"),
        HTML_SAFE("\n\r\t"),
        ASCII("\n\r\t"),
        /** Printable ASCII; only the line feed has a short escape (the security self-check's report). */
        ASCII_SHORT_NEWLINE("\n"),
        /** Printable ASCII; every control character as a unicode escape (the GATT decode output). */
        ASCII_UNICODE_CONTROLS("");

        private final String shortControls;

        Escaping(String shortControls) {
            this.shortControls = shortControls;
        }

        private boolean asciiOnly() {
            return name().startsWith("ASCII");
        }
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private final StringBuilder out;
    private final Escaping escaping;
    private boolean needComma;

    public JsonWriter() {
        this(Escaping.STANDARD);
    }

    public JsonWriter(Escaping escaping) {
        this.escaping = escaping;
        this.out = new StringBuilder(256);
    }

    public JsonWriter beginObject() {
        comma();
        out.append('{');
        needComma = false;
        return this;
    }

    public JsonWriter endObject() {
        out.append('}');
        needComma = true;
        return this;
    }

    public JsonWriter beginArray() {
        comma();
        out.append('[');
        needComma = false;
        return this;
    }

    public JsonWriter endArray() {
        out.append(']');
        needComma = true;
        return this;
    }

    public JsonWriter name(String name) {
        comma();
        quote(name, escaping, out);
        out.append(':');
        needComma = false;
        return this;
    }

    /** A string, or null. */
    public JsonWriter value(String text) {
        comma();
        if (text == null) {
            out.append("null");
        } else {
            quote(text, escaping, out);
        }
        needComma = true;
        return this;
    }

    public JsonWriter value(long number) {
        return raw(Long.toString(number));
    }

    public JsonWriter value(boolean value) {
        return raw(Boolean.toString(value));
    }

    /** A decimal with every digit kept (98.0 stays 98.0). */
    public JsonWriter value(BigDecimal number) {
        return raw(number.toPlainString());
    }

    /** A double; NaN and infinities (not JSON) become null. */
    public JsonWriter value(double number) {
        return raw(Double.isNaN(number) || Double.isInfinite(number) ? "null" : Double.toString(number));
    }

    public JsonWriter nullValue() {
        return raw("null");
    }

    /** A value that is already JSON (built by another writer). */
    public JsonWriter raw(String json) {
        comma();
        out.append(json);
        needComma = true;
        return this;
    }

    public JsonWriter field(String name, String text) {
        return name(name).value(text);
    }

    public JsonWriter field(String name, long number) {
        return name(name).value(number);
    }

    private void comma() {
        if (needComma) {
            out.append(',');
        }
    }

    /** {@code text} as a JSON string with standard escaping. */
    public static String quote(String text) {
        return quote(text, Escaping.STANDARD, new StringBuilder(text.length() + 2)).toString();
    }

    /** Appends {@code text} as a JSON string to {@code to}. */
    public static StringBuilder quote(String text, Escaping escaping, StringBuilder to) {
        to.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                to.append('\\').append(c);
            } else if (c < 0x20 && escaping.shortControls.indexOf(c) >= 0) {
                to.append(c == '\n' ? "\\n" : c == '\r' ? "\\r" : "\\t");
            } else if (c < 0x20 || c == 0x2028 || c == 0x2029 || escaping.asciiOnly() && c > 0x7E
                    || escaping == Escaping.HTML_SAFE && (c == '<' || c == '>' || c == '&')) {
                to.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF])
                        .append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
            } else {
                to.append(c);
            }
        }
        return to.append('"');
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
