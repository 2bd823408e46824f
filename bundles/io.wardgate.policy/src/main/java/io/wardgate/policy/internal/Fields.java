package io.wardgate.policy.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed, bounded access to one JSON object while validating a document. Each problem is collected
 * with the name of the item it belongs to ("devices[3] (serial:/dev/ttyUSB3)"); a missing or bad
 * value yields a harmless default so validation can go on and report every problem at once.
 */
final class Fields {
    private final Map<String, Object> object;
    private final String where;
    private final List<String> problems;

    private Fields(Map<String, Object> object, String where, List<String> problems) {
        this.object = object;
        this.where = where;
        this.problems = problems;
    }

    /** Wraps {@code value} if it is an object with only {@code known} keys; reports otherwise. */
    static Fields of(Object value, String where, List<String> problems, Set<String> known) {
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(where + ": must be a JSON object");
            return new Fields(Map.of(), where, problems);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) map;
        for (String key : object.keySet()) {
            if (!known.contains(key)) {
                problems.add(where + ": unknown field '" + key + "'");
            }
        }
        return new Fields(object, where, problems);
    }

    Fields named(String newWhere) {
        return new Fields(object, newWhere, problems);
    }

    String where() {
        return where;
    }

    List<String> problems() {
        return problems;
    }

    void problem(String message) {
        problems.add(where + ": " + message);
    }

    boolean has(String key) {
        return object.containsKey(key);
    }

    String string(String key, String otherwise, int max) {
        Object value = object.get(key);
        if (value == null) {
            if (otherwise == null) {
                problem("'" + key + "' is missing");
                return "";
            }
            return otherwise;
        }
        if (!(value instanceof String text)) {
            problem("'" + key + "' must be a string");
            return otherwise == null ? "" : otherwise;
        }
        if (text.length() > max || !text.chars().allMatch(c -> c >= 0x20 && c <= 0x7E)) {
            problem("'" + key + "' must be at most " + max + " printable ASCII characters");
            return otherwise == null ? "" : otherwise;
        }
        return text;
    }

    boolean bool(String key, boolean otherwise) {
        Object value = object.get(key);
        if (value == null) {
            return otherwise;
        }
        if (!(value instanceof Boolean flag)) {
            problem("'" + key + "' must be true or false");
            return otherwise;
        }
        return flag;
    }

    BigDecimal decimal(String key) {
        Object value = object.get(key);
        if (value instanceof BigDecimal number) {
            return number;
        }
        problem(value == null ? "'" + key + "' is missing" : "'" + key + "' must be a number");
        return BigDecimal.ZERO;
    }

    /** An integer in min..max; {@code otherwise} null means required. */
    int integer(String key, Integer otherwise, int min, int max) {
        if (!object.containsKey(key) && otherwise != null) {
            return otherwise;
        }
        BigDecimal number = decimal(key);
        try {
            int value = number.intValueExact();
            if (value >= min && value <= max) {
                return value;
            }
        } catch (ArithmeticException e) {
            // reported below
        }
        if (object.get(key) instanceof BigDecimal) {
            problem("'" + key + "' must be a whole number from " + min + " to " + max);
        }
        return otherwise == null ? min : otherwise;
    }

    List<?> list(String key, int max) {
        Object value = object.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            problem("'" + key + "' must be a list");
            return List.of();
        }
        if (list.size() > max) {
            problem("'" + key + "' has more than " + max + " items");
            return List.of();
        }
        return list;
    }

    Instant instant(String key, Instant otherwise) {
        if (!object.containsKey(key)) {
            return otherwise;
        }
        String text = string(key, "", 40);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            problem("'" + key + "' must be an ISO-8601 time such as 2026-03-01T10:00:00Z");
            return otherwise;
        }
    }
}
