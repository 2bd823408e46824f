package io.wardgate.policy.internal;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Our narrow seam over Gson's streaming reader and writer: JSON text to plain Java values (Map with
 * insertion order, List, String, BigDecimal, Boolean) and back. Strict JSON only; size, depth,
 * value count and string length are bounded up front; duplicate keys and null are refused.
 */
final class JsonTree {
    static final int MAX_CHARS = 1 << 20;
    static final int MAX_DEPTH = 8;
    static final int MAX_VALUES = 100_000;
    static final int MAX_STRING = 4096;

    /** Text that is not acceptable JSON; the message says where. */
    static final class JsonProblem extends Exception {
        private static final long serialVersionUID = 1L;

        JsonProblem(String message) {
            super(message);
        }
    }

    private int values;

    private JsonTree() {
    }

    static Object parse(String text) throws JsonProblem {
        if (text.length() > MAX_CHARS) {
            throw new JsonProblem("document is longer than " + MAX_CHARS + " characters");
        }
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            reader.setStrictness(Strictness.STRICT);
            reader.setNestingLimit(MAX_DEPTH);
            Object root = new JsonTree().value(reader, 0);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new JsonProblem("text after the end of the document at " + reader.getPath());
            }
            return root;
        } catch (IOException | RuntimeException e) {
            throw new JsonProblem("not valid JSON: " + e.getMessage());
        }
    }

    private Object value(JsonReader reader, int depth) throws IOException, JsonProblem {
        if (++values > MAX_VALUES) {
            throw new JsonProblem("more than " + MAX_VALUES + " values");
        }
        if (depth > MAX_DEPTH) {
            throw new JsonProblem("nested deeper than " + MAX_DEPTH + " at " + reader.getPath());
        }
        switch (reader.peek()) {
            case BEGIN_OBJECT:
                Map<String, Object> object = new LinkedHashMap<>();
                reader.beginObject();
                while (reader.hasNext()) {
                    String name = bounded(reader.nextName(), reader);
                    if (object.containsKey(name)) {
                        throw new JsonProblem("duplicate key '" + name + "' at " + reader.getPath());
                    }
                    object.put(name, value(reader, depth + 1));
                }
                reader.endObject();
                return object;
            case BEGIN_ARRAY:
                List<Object> array = new ArrayList<>();
                reader.beginArray();
                while (reader.hasNext()) {
                    array.add(value(reader, depth + 1));
                }
                reader.endArray();
                return array;
            case STRING:
                return bounded(reader.nextString(), reader);
            case NUMBER:
                String literal = reader.nextString();
                if (literal.length() > 40) {
                    throw new JsonProblem("number with more than 40 characters at " + reader.getPath());
                }
                return new BigDecimal(literal);
            case BOOLEAN:
                return reader.nextBoolean();
            case NULL:
                throw new JsonProblem("null is not allowed (leave the field out) at " + reader.getPath());
            default:
                throw new JsonProblem("unexpected " + reader.peek() + " at " + reader.getPath());
        }
    }

    private static String bounded(String text, JsonReader reader) throws JsonProblem {
        if (text.length() > MAX_STRING) {
            throw new JsonProblem("string longer than " + MAX_STRING + " characters at " + reader.getPath());
        }
        return text;
    }

    /** Pretty-printed JSON of plain values (Map, List, String, Number, Boolean). */
    static String write(Object value) {
        StringWriter out = new StringWriter();
        try (JsonWriter writer = new JsonWriter(out)) {
            writer.setIndent("  ");
            writer.setHtmlSafe(false);
            writeValue(writer, value);
        } catch (IOException e) {
            throw new IllegalStateException("writing to a StringWriter does not fail", e);
        }
        return out.toString();
    }

    private static void writeValue(JsonWriter writer, Object value) throws IOException {
        if (value instanceof Map<?, ?> map) {
            writer.beginObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                writer.name((String) entry.getKey());
                writeValue(writer, entry.getValue());
            }
            writer.endObject();
        } else if (value instanceof List<?> list) {
            writer.beginArray();
            for (Object item : list) {
                writeValue(writer, item);
            }
            writer.endArray();
        } else if (value instanceof String text) {
            writer.value(text);
        } else if (value instanceof Boolean flag) {
            writer.value(flag);
        } else if (value instanceof Number number) {
            writer.value(number);
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }
}
