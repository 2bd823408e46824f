package io.wardgate.config.files;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the typed ".config" format (Felix ConfigurationHandler): key=T"v", key=T[...], key=T(...),
 * comment lines starting with # or !, a line ending in a backslash continued on the next. Strict:
 * anything else, and a value cut short, is an IOException naming the line.
 */
final class TypedReader {
    private final String text;

    TypedReader(String text) {
        this.text = text;
    }

    Map<String, Object> read() throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        StringBuilder logical = new StringBuilder();
        int start = 0;
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].endsWith("\r") ? lines[n].substring(0, lines[n].length() - 1) : lines[n];
            if (logical.isEmpty()) {
                start = n + 1;
                String s = line.strip();
                if (s.isEmpty() || s.startsWith("#") || s.startsWith("!")) {
                    continue;
                }
            }
            if (line.endsWith("\\") && !line.endsWith("\\\\")) {
                logical.append(line, 0, line.length() - 1);
                continue;
            }
            logical.append(line);
            entry(logical.toString().strip(), start, out);
            logical.setLength(0);
        }
        if (!logical.isEmpty()) {
            throw new IOException("line " + start + ": continued past the end of the file");
        }
        return out;
    }

    private static void entry(String line, int number, Map<String, Object> out) throws IOException {
        int eq = line.indexOf('=');
        if (eq <= 0) {
            throw new IOException("line " + number + ": no key=value");
        }
        String key = line.substring(0, eq).strip();
        String value = line.substring(eq + 1).strip();
        char type = 'T';
        if (!value.isEmpty() && Character.isLetter(value.charAt(0))) {
            type = value.charAt(0);
            value = value.substring(1);
        }
        try {
            out.put(key, value(type, value));
        } catch (IOException | RuntimeException e) {
            throw new IOException("line " + number + " (" + key + "): " + e.getMessage());
        }
    }

    private static Object value(char type, String value) throws IOException {
        if (value.startsWith("\"")) {
            List<String> items = items(value, '"', '"');
            return scalar(Character.toUpperCase(type), items.get(0));
        }
        if (value.startsWith("[") || value.startsWith("(")) {
            List<String> items = items(value, value.charAt(0), value.startsWith("[") ? ']' : ')');
            Object[] boxed = new Object[items.size()];
            for (int i = 0; i < boxed.length; i++) {
                boxed[i] = scalar(Character.toUpperCase(type), items.get(i));
            }
            if (value.startsWith("(")) {
                return new ArrayList<>(List.of(boxed));
            }
            Class<?> element = elementType(type);
            Object array = java.lang.reflect.Array.newInstance(element, boxed.length);
            for (int i = 0; i < boxed.length; i++) {
                java.lang.reflect.Array.set(array, i, boxed[i]);
            }
            return array;
        }
        throw new IOException("a value is quoted, or a list in [ ] or ( )");
    }

    /** The quoted strings of a value: "a" alone, or ["a","b"] / ("a","b"); nothing may follow. */
    private static List<String> items(String value, char open, char close) throws IOException {
        List<String> items = new ArrayList<>();
        int i = open == '"' ? 0 : 1;
        boolean expectItem = open == '"';
        while (true) {
            while (i < value.length() && value.charAt(i) == ' ') {
                i++;
            }
            if (i >= value.length()) {
                throw new IOException("cut short");
            }
            char c = value.charAt(i);
            if (c == close && open != '"' && !expectItem) {
                i++;
                break;
            }
            if (c != '"') {
                throw new IOException("expected a quoted value at column " + (i + 1));
            }
            StringBuilder item = new StringBuilder();
            i++;
            while (true) {
                if (i >= value.length()) {
                    throw new IOException("cut short");
                }
                char d = value.charAt(i++);
                if (d == '"') {
                    break;
                }
                if (d == '\\') {
                    if (i >= value.length()) {
                        throw new IOException("cut short");
                    }
                    char e = value.charAt(i++);
                    switch (e) {
                        case 'u' -> {
                            if (i + 4 > value.length()) {
                                throw new IOException("cut short");
                            }
                            item.append((char) Integer.parseInt(value.substring(i, i + 4), 16));
                            i += 4;
                        }
                        case 'n' -> item.append('\n');
                        case 'r' -> item.append('\r');
                        case 't' -> item.append('\t');
                        case 'f' -> item.append('\f');
                        case 'b' -> item.append('\b');
                        default -> item.append(e);
                    }
                } else {
                    item.append(d);
                }
            }
            items.add(item.toString());
            if (open == '"') {
                break;
            }
            while (i < value.length() && value.charAt(i) == ' ') {
                i++;
            }
            if (i < value.length() && value.charAt(i) == ',') {
                i++;
                expectItem = true;
            } else {
                expectItem = false;
            }
        }
        if (!value.substring(i).isBlank()) {
            throw new IOException("text after the value");
        }
        return items;
    }

    private static Object scalar(char type, String text) throws IOException {
        return switch (type) {
            case 'T' -> text;
            case 'I' -> Integer.valueOf(text);
            case 'L' -> Long.valueOf(text);
            case 'S' -> Short.valueOf(text);
            case 'X' -> Byte.valueOf(text);
            case 'B' -> Boolean.valueOf(text);
            case 'C' -> {
                if (text.length() != 1) {
                    throw new IOException("a character value is one character");
                }
                yield text.charAt(0);
            }
            case 'F' -> Float.intBitsToFloat(Integer.parseInt(text));
            case 'D' -> Double.longBitsToDouble(Long.parseLong(text));
            default -> throw new IOException("unknown type code " + type);
        };
    }

    private static Class<?> elementType(char type) throws IOException {
        return switch (type) {
            case 'T' -> String.class;
            case 'I' -> Integer.class;
            case 'L' -> Long.class;
            case 'S' -> Short.class;
            case 'X' -> Byte.class;
            case 'B' -> Boolean.class;
            case 'C' -> Character.class;
            case 'F' -> Float.class;
            case 'D' -> Double.class;
            case 'i' -> int.class;
            case 'l' -> long.class;
            case 's' -> short.class;
            case 'x' -> byte.class;
            case 'b' -> boolean.class;
            case 'c' -> char.class;
            case 'f' -> float.class;
            case 'd' -> double.class;
            default -> throw new IOException("unknown type code " + type);
        };
    }
}
