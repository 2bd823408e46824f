package io.wardgate.config.files;

import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The text of a configuration file in the format FileInstall reads for its name: ".config" is the
 * typed format of Felix's ConfigurationHandler (key=I"12", key=["a","b"]); ".cfg" is plain Java
 * properties and stays so (every value a string, as FileInstall gives it to ConfigAdmin).
 * Rendering is deterministic (keys sorted, no date), so the same properties give the same bytes.
 */
public final class ConfigText {
    /** Properties ConfigAdmin or FileInstall add; they are not settings and never go into the file. */
    public static final Set<String> NOT_WRITTEN = Set.of("service.pid", "service.factoryPid",
            "service.bundleLocation", ConfigDirectory.FILENAME);
    static final String HEADER = "# Written by WardGate (last good copy kept as .<name>.last-good); edits here apply too.\n";
    private static final int MAX_KEY = 256;

    public enum Format {
        TYPED, PLAIN;

        /** The format FileInstall reads a file of this name in; empty for other names. */
        public static java.util.Optional<Format> of(Path file) {
            String name = file.getFileName().toString();
            return name.endsWith(".config") ? java.util.Optional.of(TYPED)
                    : name.endsWith(".cfg") ? java.util.Optional.of(PLAIN) : java.util.Optional.empty();
        }
    }

    private ConfigText() {
    }

    /**
     * The file's text. Refuses (IllegalArgumentException) a key FileInstall would read differently,
     * float and double values (Felix writes their raw bits; no WardGate setting is one), and lists in
     * a ".cfg" file (plain properties hold strings only).
     */
    public static String render(Map<String, ?> properties, Format format) {
        StringBuilder out = new StringBuilder(HEADER);
        Map<String, Object> sorted = new TreeMap<>(properties);
        NOT_WRITTEN.forEach(sorted::remove);
        for (Map.Entry<String, Object> e : sorted.entrySet()) {
            String key = e.getKey();
            if (key.isEmpty() || key.length() > MAX_KEY || !key.chars().allMatch(ConfigText::keyChar)) {
                throw new IllegalArgumentException("key not written: only letters, digits and . _ - are kept in a file");
            }
            Object value = Objects.requireNonNull(e.getValue(), key);
            out.append(key).append('=').append(format == Format.TYPED ? typed(value) : plain(key, value)).append('\n');
        }
        return out.toString();
    }

    /**
     * The file's new text, keeping the operator's comments and order: each line of {@code existing}
     * that sets a key is replaced by the key's new value (dropped if the key is gone), comment and
     * blank lines stay, new keys are appended. Without existing text, or with text whose lines this
     * cannot follow one by one (continued lines, other separators), the text is {@link #render(Map, Format)}'s.
     */
    public static String render(Map<String, ?> properties, Format format, String existing) {
        String canonical = render(properties, format);
        if (existing == null || existing.isBlank()) {
            return canonical;
        }
        Map<String, String> lines = new LinkedHashMap<>();
        for (String line : canonical.split("\n")) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                lines.put(line.substring(0, eq), line);
            }
        }
        StringBuilder out = new StringBuilder();
        java.util.Set<String> done = new java.util.HashSet<>();
        String body = existing.endsWith("\n") ? existing.substring(0, existing.length() - 1) : existing;
        for (String line : body.split("\n", -1)) {
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#") || s.startsWith("!")) {
                out.append(line).append('\n');
                continue;
            }
            int eq = s.indexOf('=');
            String key = eq > 0 ? s.substring(0, eq).strip() : "";
            if (s.endsWith("\\") || key.isEmpty() || !key.chars().allMatch(ConfigText::keyChar) || !done.add(key)) {
                return canonical;
            }
            if (lines.containsKey(key)) {
                out.append(lines.get(key)).append('\n');
            }
        }
        lines.forEach((key, line) -> {
            if (!done.contains(key)) {
                out.append(line).append('\n');
            }
        });
        String text = out.toString();
        while (text.endsWith("\n\n")) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }

    /**
     * The properties a file's text holds, for comparison with ConfigAdmin's; in the PLAIN format every
     * value is a string. Throws IOException for text that is not complete in the format.
     */
    public static Map<String, Object> parse(String text, Format format) throws IOException {
        if (format == Format.PLAIN) {
            Properties p = new Properties();
            p.load(new StringReader(text));
            Map<String, Object> out = new LinkedHashMap<>();
            p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
            return out;
        }
        return new TypedReader(text).read();
    }

    /**
     * Whether the file's properties are those of ConfigAdmin (the not-written keys aside): arrays and
     * collections by their elements; in the PLAIN format by the values' text.
     */
    public static boolean same(Map<String, ?> file, Map<String, ?> admin, Format format) {
        Map<String, Object> a = normal(file, format);
        Map<String, Object> b = normal(admin, format);
        return a.equals(b);
    }

    private static Map<String, Object> normal(Map<String, ?> properties, Format format) {
        Map<String, Object> out = new TreeMap<>();
        properties.forEach((k, v) -> {
            if (!NOT_WRITTEN.contains(k) && v != null) {
                Object n = elements(v);
                out.put(k, format == Format.PLAIN ? String.valueOf(n) : n);
            }
        });
        return out;
    }

    private static Object elements(Object value) {
        if (value.getClass().isArray()) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                list.add(Array.get(value, i));
            }
            return list;
        }
        if (value instanceof Iterable<?> items) {
            List<Object> list = new ArrayList<>();
            items.forEach(list::add);
            return list;
        }
        return value;
    }

    private static boolean keyChar(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-';
    }

    private static String plain(String key, Object value) {
        if (value.getClass().isArray() || value instanceof Iterable<?>) {
            throw new IllegalArgumentException(key + " is a list, which a .cfg file (plain properties) cannot hold;"
                    + " rename the file to .config");
        }
        checkScalar(value.getClass());
        StringBuilder out = new StringBuilder();
        String text = String.valueOf(value);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\f' -> out.append("\\f");
                case '=', ':', '#', '!' -> out.append('\\').append(c);
                case ' ' -> out.append(i == 0 ? "\\ " : " ");
                default -> out.append(c < 0x20 || c > 0x7E ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.toString();
    }

    private static String typed(Object value) {
        Class<?> type = value.getClass();
        if (type.isArray()) {
            Class<?> component = type.getComponentType();
            StringBuilder out = new StringBuilder(code(component)).append('[');
            for (int i = 0; i < Array.getLength(value); i++) {
                out.append(i > 0 ? "," : "").append(quoted(Array.get(value, i)));
            }
            return out.append(']').toString();
        }
        if (value instanceof Iterable<?> list) {
            List<Object> items = new ArrayList<>();
            list.forEach(items::add);
            String code = items.isEmpty() ? "" : code(items.get(0).getClass());
            StringBuilder out = new StringBuilder(code).append('(');
            for (int i = 0; i < items.size(); i++) {
                if (!code.equals(code(items.get(i).getClass()))) {
                    throw new IllegalArgumentException("a list of mixed types is not written");
                }
                out.append(i > 0 ? "," : "").append(quoted(items.get(i)));
            }
            return out.append(')').toString();
        }
        return code(type) + quoted(value);
    }

    /** Felix's type codes: upper case for objects, lower case for primitive array elements, none for strings. */
    private static String code(Class<?> type) {
        checkScalar(type);
        if (type == String.class) {
            return "";
        }
        String code = type == Long.class || type == long.class ? "L" : type == Integer.class || type == int.class ? "I"
                : type == Short.class || type == short.class ? "S" : type == Byte.class || type == byte.class ? "X"
                : type == Boolean.class || type == boolean.class ? "B" : "C";
        return type.isPrimitive() ? code.toLowerCase(java.util.Locale.ROOT) : code;
    }

    private static void checkScalar(Class<?> type) {
        if (!(type == String.class || type == Long.class || type == long.class || type == Integer.class || type == int.class
                || type == Short.class || type == short.class || type == Byte.class || type == byte.class
                || type == Boolean.class || type == boolean.class || type == Character.class || type == char.class)) {
            // Felix writes doubles and floats as raw bits; no WardGate setting is one, so none is guessed at.
            throw new IllegalArgumentException("values of type " + type.getSimpleName() + " are not written");
        }
    }

    private static String quoted(Object value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : String.valueOf(value).toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7E) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
