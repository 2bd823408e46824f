package io.wardgate.receiver;

import java.math.BigDecimal;

/** A tiny streaming JSON writer: enough for JSON lines and FHIR resources, escaping done right. */
final class Json {
    private final StringBuilder out = new StringBuilder(256);
    private boolean needComma;

    Json beginObject() {
        comma();
        out.append('{');
        needComma = false;
        return this;
    }

    Json endObject() {
        out.append('}');
        needComma = true;
        return this;
    }

    Json beginArray() {
        comma();
        out.append('[');
        needComma = false;
        return this;
    }

    Json endArray() {
        out.append(']');
        needComma = true;
        return this;
    }

    Json name(String name) {
        comma();
        quote(name);
        out.append(':');
        needComma = false;
        return this;
    }

    Json value(String text) {
        comma();
        quote(text);
        needComma = true;
        return this;
    }

    Json value(long number) {
        comma();
        out.append(number);
        needComma = true;
        return this;
    }

    /** A decimal as a JSON number with every digit kept (98.0 stays 98.0). */
    Json value(BigDecimal number) {
        comma();
        out.append(number.toPlainString());
        needComma = true;
        return this;
    }

    /** A value that is already JSON (a resource inside a bundle); the caller vouches for it. */
    Json raw(String json) {
        comma();
        out.append(json);
        needComma = true;
        return this;
    }

    Json field(String name, String text) {
        return name(name).value(text);
    }

    Json field(String name, long number) {
        return name(name).value(number);
    }

    private void comma() {
        if (needComma) {
            out.append(',');
        }
    }

    private void quote(String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
