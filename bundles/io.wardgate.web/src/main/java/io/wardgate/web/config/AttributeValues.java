package io.wardgate.web.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.osgi.service.metatype.AttributeDefinition;

/**
 * Turns submitted form values into typed configuration values, checked against the attribute's
 * definition: type, cardinality, options, and the definition's own validate(). Pure: no OSGi service.
 */
public final class AttributeValues {
    public static final int MAX_VALUES = 64;

    private AttributeValues() {
    }

    /** A converted value (null: remove the property) or the problem for the user. */
    public record Outcome(Object value, String problem) {
        public boolean ok() {
            return problem == null;
        }

        static Outcome problem(String text) {
            return new Outcome(null, text);
        }
    }

    public static Outcome convert(AttributeDefinition ad, List<String> submitted, boolean required) {
        int cardinality = ad.getCardinality();
        int max = cardinality == 0 ? 1 : Math.min(Math.abs(cardinality), MAX_VALUES);
        List<String> values = cardinality == 0 ? submitted : submitted.stream().filter(v -> !v.isEmpty()).toList();
        if (cardinality == 0 && values.size() == 1 && values.get(0).isEmpty() && ad.getType() != AttributeDefinition.STRING) {
            values = List.of();
        }
        if (values.size() > max) {
            return Outcome.problem("at most " + max + " value(s)");
        }
        if (values.isEmpty() && cardinality != 0) {
            // An empty list is a value: "none" (e.g. no extra names).
            return new Outcome(cardinality < 0 ? List.of() : java.lang.reflect.Array.newInstance(javaType(ad.getType()), 0), null);
        }
        if (values.isEmpty()) {
            return required ? Outcome.problem("a value is required") : new Outcome(null, null);
        }
        List<Object> typed = new ArrayList<>();
        for (String raw : values) {
            Object value;
            try {
                value = parse(ad.getType(), raw);
            } catch (IllegalArgumentException e) {
                return Outcome.problem("'" + shorten(raw) + "' is not " + typeName(ad.getType()));
            }
            String[] options = ad.getOptionValues();
            if (options != null && options.length > 0 && !Arrays.asList(options).contains(raw)) {
                return Outcome.problem("'" + shorten(raw) + "' is not one of the options");
            }
            String invalid = ad.validate(escapeCommas(raw, cardinality));
            if (invalid != null && !invalid.isEmpty()) {
                return Outcome.problem(invalid);
            }
            typed.add(value);
        }
        if (cardinality == 0) {
            return new Outcome(typed.get(0), null);
        }
        if (cardinality < 0) {
            return new Outcome(typed, null);
        }
        Object array = java.lang.reflect.Array.newInstance(javaType(ad.getType()), typed.size());
        for (int i = 0; i < typed.size(); i++) {
            java.lang.reflect.Array.set(array, i, typed.get(i));
        }
        return new Outcome(array, null);
    }

    static Object parse(int type, String raw) {
        String s = raw.strip();
        return switch (type) {
            case AttributeDefinition.STRING, AttributeDefinition.PASSWORD -> raw;
            case AttributeDefinition.LONG -> Long.valueOf(s);
            case AttributeDefinition.INTEGER -> Integer.valueOf(s);
            case AttributeDefinition.SHORT -> Short.valueOf(s);
            case AttributeDefinition.BYTE -> Byte.valueOf(s);
            case AttributeDefinition.CHARACTER -> {
                if (raw.length() != 1) {
                    throw new IllegalArgumentException("one character");
                }
                yield raw.charAt(0);
            }
            case AttributeDefinition.DOUBLE -> finite(Double.valueOf(s));
            case AttributeDefinition.FLOAT -> (float) finite(Double.valueOf(s)).doubleValue();
            case AttributeDefinition.BOOLEAN -> {
                if (!s.equals("true") && !s.equals("false")) {
                    throw new IllegalArgumentException("true or false");
                }
                yield Boolean.valueOf(s);
            }
            default -> throw new IllegalArgumentException("unsupported type " + type);
        };
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

    public static String typeName(int type) {
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

    private static Double finite(Double d) {
        if (d.isNaN() || d.isInfinite()) {
            throw new IllegalArgumentException("finite");
        }
        return d;
    }

    /** validate() reads a multi-valued attribute's text as comma separated: one value must stay one. */
    private static String escapeCommas(String raw, int cardinality) {
        return cardinality == 0 ? raw : raw.replace("\\", "\\\\").replace(",", "\\,");
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
