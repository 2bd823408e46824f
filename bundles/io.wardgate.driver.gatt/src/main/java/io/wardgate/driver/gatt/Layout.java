package io.wardgate.driver.gatt;

import java.util.ArrayList;
import java.util.List;

/**
 * The fields a value must hold, worked out from its flags before anything else is read, so that
 * a short or long value is refused up front with the name of the field at fault.
 */
final class Layout {
    private record Field(String name, int size) {
    }

    private final List<Field> fields = new ArrayList<>();
    private String repeatedName;
    private int repeatedSize;

    static Layout of(String name, int size) {
        return new Layout().then(name, size);
    }

    Layout then(String name, int size) {
        fields.add(new Field(name, size));
        return this;
    }

    Layout thenIf(boolean present, String name, int size) {
        return present ? then(name, size) : this;
    }

    /** Ends with one or more items of {@code size} bytes each (e.g. RR intervals). */
    Layout thenRepeated(boolean present, String name, int size) {
        if (present) {
            repeatedName = name;
            repeatedSize = size;
        }
        return this;
    }

    /** The problem with a value of {@code length} bytes, or null when it fits. */
    Problem check(int length) {
        int offset = 0;
        for (Field field : fields) {
            if (length < offset + field.size) {
                return new Problem(field.name, "too short: needs bytes " + offset + ".." + (offset + field.size - 1)
                        + ", the value has " + length + " byte" + (length == 1 ? "" : "s"));
            }
            offset += field.size;
        }
        int rest = length - offset;
        if (repeatedName != null) {
            if (rest == 0) {
                return new Problem(repeatedName, "too short: the flags announce at least one, the value ends at byte "
                        + (offset - 1));
            }
            if (rest % repeatedSize != 0) {
                return new Problem(repeatedName, "too short: " + rest + " bytes left, not a multiple of " + repeatedSize);
            }
            return null;
        }
        if (rest > 0) {
            String last = fields.get(fields.size() - 1).name;
            return new Problem("value", "too long: " + rest + " unexpected byte" + (rest == 1 ? "" : "s") + " after '"
                    + last + "' (the flags announce " + offset + " bytes)");
        }
        return null;
    }

    /** Throws {@link Malformed} naming the field when a value of {@code length} bytes does not fit. */
    void require(int length) {
        Problem problem = check(length);
        if (problem != null) {
            throw new Malformed(problem.field(), problem.message());
        }
    }

    record Problem(String field, String message) {
    }
}
