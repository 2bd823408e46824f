package io.wardgate.manage;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Checks one PID's requested changes against its Metatype definition before anything is applied:
 * unknown attributes, type, cardinality, options, the definition's own validate() (min/max), and
 * that every required attribute without a default ends up with a value. A change value of null
 * removes the attribute; the password placeholder keeps the stored secret. Pure: no OSGi service.
 */
final class ConfigValidator {
    /** What config.get shows instead of a password, and what config.put reads as "keep the stored one". */
    static final String PASSWORD_PLACEHOLDER = "********";
    static final int MAX_ATTRIBUTES = 64;
    static final int MAX_VALUES = 64;
    static final int MAX_TEXT = 8192;

    /** The new properties (existing ones kept, e.g. felix.fileinstall.filename), the changed keys, or problems. */
    record Result(Hashtable<String, Object> properties, List<String> changed, Map<String, String> problems) {
        boolean ok() {
            return problems.isEmpty();
        }
    }

    private ConfigValidator() {
    }

    static Result validate(ObjectClassDefinition ocd, Map<?, ?> changes, Dictionary<String, Object> existing) {
        Hashtable<String, Object> properties = copy(existing);
        Map<String, String> problems = new LinkedHashMap<>();
        List<String> changed = new ArrayList<>();
        Map<String, AttributeDefinition> byId = new LinkedHashMap<>();
        for (AttributeDefinition ad : all(ocd, ObjectClassDefinition.ALL)) {
            byId.put(ad.getID(), ad);
        }
        if (changes.size() > MAX_ATTRIBUTES) {
            problems.put("*", "more than " + MAX_ATTRIBUTES + " attributes in one change");
            return new Result(properties, changed, problems);
        }
        for (Map.Entry<?, ?> change : changes.entrySet()) {
            if (!(change.getKey() instanceof String key) || !byId.containsKey(key)) {
                problems.put(printable(change.getKey()), "unknown attribute");
                continue;
            }
            AttributeDefinition ad = byId.get(key);
            if (ad.getType() == AttributeDefinition.PASSWORD && PASSWORD_PLACEHOLDER.equals(change.getValue())) {
                if (properties.get(key) == null) {
                    problems.put(key, "the placeholder keeps a stored password, but none is stored");
                }
                continue;
            }
            if (change.getValue() == null) {
                if (properties.remove(key) != null) {
                    changed.add(key);
                }
                continue;
            }
            try {
                Object value = convert(ad, change.getValue());
                Object before = properties.put(key, value);
                if (before == null || !asStrings(before).equals(asStrings(value))) {
                    changed.add(key);
                }
            } catch (IllegalArgumentException e) {
                problems.put(key, e.getMessage());
            }
        }
        for (AttributeDefinition ad : all(ocd, ObjectClassDefinition.REQUIRED)) {
            String[] defaults = ad.getDefaultValue();
            // An empty default of a multi-valued attribute is a default (no values); of a single value it is none.
            boolean hasDefault = defaults != null && (defaults.length > 0 || ad.getCardinality() != 0);
            if (properties.get(ad.getID()) == null && !hasDefault && !problems.containsKey(ad.getID())) {
                problems.put(ad.getID(), "required and has no default: a value is needed");
            }
        }
        return new Result(properties, List.copyOf(changed), Collections.unmodifiableMap(problems));
    }

    /** One attribute's value: a scalar for cardinality 0, an array (n > 0) or list (n < 0) of at most |n| values. */
    static Object convert(AttributeDefinition ad, Object raw) {
        int cardinality = ad.getCardinality();
        if (cardinality == 0) {
            if (raw instanceof List<?>) {
                throw new IllegalArgumentException("takes one value, not a list");
            }
            return scalar(ad, raw);
        }
        List<?> values = raw instanceof List<?> list ? list : List.of(raw);
        int max = Math.min(Math.abs(cardinality), MAX_VALUES);
        if (values.size() > max) {
            throw new IllegalArgumentException("at most " + max + " values");
        }
        List<Object> typed = new ArrayList<>();
        for (Object value : values) {
            typed.add(scalar(ad, value));
        }
        if (cardinality < 0) {
            return typed;
        }
        Object array = Array.newInstance(javaType(ad.getType()), typed.size());
        for (int i = 0; i < typed.size(); i++) {
            Array.set(array, i, typed.get(i));
        }
        return array;
    }

    private static Object scalar(AttributeDefinition ad, Object raw) {
        if (raw == null) {
            throw new IllegalArgumentException("a list may not hold null");
        }
        if (!(raw instanceof String || raw instanceof Long || raw instanceof Boolean)) {
            throw new IllegalArgumentException("values are text, integers or booleans");
        }
        String text = raw.toString();
        if (text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("longer than " + MAX_TEXT + " characters");
        }
        Object value = parse(ad.getType(), raw, text);
        boolean secret = ad.getType() == AttributeDefinition.PASSWORD;
        String[] options = ad.getOptionValues();
        if (options != null && options.length > 0 && !Arrays.asList(options).contains(text)) {
            throw new IllegalArgumentException(secret ? "password is not one of the options"
                    : "'" + shorten(text) + "' is not one of the options " + shorten(String.join(", ", options)));
        }
        // validate() reads a multi-valued attribute's text as comma separated: one value must stay one.
        String check = ad.getCardinality() == 0 ? text : text.replace("\\", "\\\\").replace(",", "\\,");
        String invalid;
        try {
            invalid = ad.validate(check);
        } catch (RuntimeException e) {
            invalid = "not valid";
        }
        if (invalid != null && !invalid.isEmpty()) {
            throw new IllegalArgumentException(secret ? "password not valid" : shorten(invalid));
        }
        return value;
    }

    private static Object parse(int type, Object raw, String text) {
        try {
            return switch (type) {
                case AttributeDefinition.STRING, AttributeDefinition.PASSWORD -> {
                    if (!(raw instanceof String)) {
                        throw new IllegalArgumentException("text expected");
                    }
                    yield text;
                }
                case AttributeDefinition.LONG -> Long.valueOf(integral(raw, text));
                case AttributeDefinition.INTEGER -> Integer.valueOf(integral(raw, text));
                case AttributeDefinition.SHORT -> Short.valueOf(integral(raw, text));
                case AttributeDefinition.BYTE -> Byte.valueOf(integral(raw, text));
                case AttributeDefinition.CHARACTER -> {
                    if (text.length() != 1) {
                        throw new IllegalArgumentException("one character expected");
                    }
                    yield text.charAt(0);
                }
                case AttributeDefinition.DOUBLE -> finite(Double.valueOf(number(raw, text)));
                case AttributeDefinition.FLOAT -> (float) finite(Double.valueOf(number(raw, text))).doubleValue();
                case AttributeDefinition.BOOLEAN -> {
                    if (!(raw instanceof Boolean) && !text.equals("true") && !text.equals("false")) {
                        throw new IllegalArgumentException("true or false expected");
                    }
                    yield Boolean.valueOf(text);
                }
                default -> throw new IllegalArgumentException("attribute type " + type + " is not supported");
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + shorten(text) + "' is not " + typeName(type) + " (or out of range)");
        }
    }

    private static String integral(Object raw, String text) {
        if (raw instanceof Boolean) {
            throw new NumberFormatException();
        }
        return text.strip();
    }

    private static String number(Object raw, String text) {
        if (raw instanceof Boolean || !text.strip().matches("[-+]?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?")) {
            throw new NumberFormatException();
        }
        return text.strip();
    }

    private static Double finite(Double d) {
        if (d.isNaN() || d.isInfinite()) {
            throw new NumberFormatException();
        }
        return d;
    }

    static Class<?> javaType(int type) {
        return switch (type) {
            case AttributeDefinition.LONG -> Long.class;
            case AttributeDefinition.INTEGER -> Integer.class;
            case AttributeDefinition.SHORT -> Short.class;
            case AttributeDefinition.BYTE -> Byte.class;
            case AttributeDefinition.CHARACTER -> Character.class;
            case AttributeDefinition.DOUBLE -> Double.class;
            case AttributeDefinition.FLOAT -> Float.class;
            case AttributeDefinition.BOOLEAN -> Boolean.class;
            default -> String.class;
        };
    }

    static String typeName(int type) {
        return switch (type) {
            case AttributeDefinition.STRING -> "string";
            case AttributeDefinition.PASSWORD -> "password";
            case AttributeDefinition.LONG -> "long";
            case AttributeDefinition.INTEGER -> "integer";
            case AttributeDefinition.SHORT -> "short";
            case AttributeDefinition.BYTE -> "byte";
            case AttributeDefinition.CHARACTER -> "character";
            case AttributeDefinition.DOUBLE -> "double";
            case AttributeDefinition.FLOAT -> "float";
            case AttributeDefinition.BOOLEAN -> "boolean";
            default -> "unsupported";
        };
    }

    static AttributeDefinition[] all(ObjectClassDefinition ocd, int filter) {
        AttributeDefinition[] ads = ocd.getAttributeDefinitions(filter);
        return ads == null ? new AttributeDefinition[0] : ads;
    }

    /** Every value of a property as text (arrays and collections element by element). */
    static List<String> asStrings(Object value) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        if (value.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(value); i++) {
                out.add(String.valueOf(Array.get(value, i)));
            }
        } else if (value instanceof Iterable<?> list) {
            list.forEach(v -> out.add(String.valueOf(v)));
        } else {
            out.add(String.valueOf(value));
        }
        return out;
    }

    static Hashtable<String, Object> copy(Dictionary<String, Object> properties) {
        Hashtable<String, Object> out = new Hashtable<>();
        if (properties != null) {
            for (Enumeration<String> keys = properties.keys(); keys.hasMoreElements();) {
                String key = keys.nextElement();
                out.put(key, properties.get(key));
            }
        }
        return out;
    }

    static Set<String> ids(AttributeDefinition[] ads) {
        Set<String> out = new TreeSet<>();
        for (AttributeDefinition ad : ads) {
            out.add(ad.getID());
        }
        return out;
    }

    private static String printable(Object key) {
        String text = String.valueOf(key).replaceAll("[^\\x20-\\x7E]", "?");
        return text.length() > 64 ? text.substring(0, 64) : text;
    }

    private static String shorten(String text) {
        String clean = text.replaceAll("[^\\x20-\\x7E]", "?");
        return clean.length() > 80 ? clean.substring(0, 77) + "..." : clean;
    }
}
