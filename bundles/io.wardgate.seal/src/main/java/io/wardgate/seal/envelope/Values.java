package io.wardgate.seal.envelope;

import io.wardgate.seal.envelope.Cbor.MalformedException;
import java.util.List;
import java.util.Map;

/** Typed, bounded reads of decoded CBOR values; anything unexpected is a MalformedException. */
final class Values {
    private Values() {
    }

    static long integer(Object value, String what) throws MalformedException {
        if (value instanceof Long number) {
            return number;
        }
        throw new MalformedException(what + " must be an integer");
    }

    static long unsigned(Object value, String what) throws MalformedException {
        long number = integer(value, what);
        if (number < 0) {
            throw new MalformedException(what + " must not be negative");
        }
        return number;
    }

    static int intIn(Object value, String what, long min, long max) throws MalformedException {
        long number = integer(value, what);
        if (number < min || number > max) {
            throw new MalformedException(what + " out of range " + min + ".." + max);
        }
        return (int) number;
    }

    static byte[] bytes(Object value, String what, int maxLength) throws MalformedException {
        if (value instanceof byte[] bytes) {
            if (bytes.length > maxLength) {
                throw new MalformedException(what + " longer than " + maxLength + " bytes");
            }
            return bytes;
        }
        throw new MalformedException(what + " must be a byte string");
    }

    static byte[] exactBytes(Object value, String what, int length) throws MalformedException {
        byte[] bytes = bytes(value, what, length);
        if (bytes.length != length) {
            throw new MalformedException(what + " must be " + length + " bytes");
        }
        return bytes;
    }

    static String text(Object value, String what, int maxLength) throws MalformedException {
        if (value instanceof String text) {
            if (text.length() > maxLength) {
                throw new MalformedException(what + " longer than " + maxLength + " characters");
            }
            return text;
        }
        throw new MalformedException(what + " must be a text string");
    }

    static List<?> array(Object value, String what, int minSize, int maxSize) throws MalformedException {
        if (value instanceof List<?> list) {
            if (list.size() < minSize || list.size() > maxSize) {
                throw new MalformedException(what + " must have " + minSize + " to " + maxSize + " items");
            }
            return list;
        }
        throw new MalformedException(what + " must be an array");
    }

    static Map<?, ?> map(Object value, String what, int maxSize) throws MalformedException {
        if (value instanceof Map<?, ?> map) {
            if (map.size() > maxSize) {
                throw new MalformedException(what + " has more than " + maxSize + " entries");
            }
            return map;
        }
        throw new MalformedException(what + " must be a map");
    }

    static Object tagged(Object value, long tag, String what) throws MalformedException {
        if (value instanceof Cbor.Tagged tagged && tagged.tag() == tag) {
            return tagged.value();
        }
        throw new MalformedException(what + " must carry CBOR tag " + tag);
    }

    /** The entry under {@code key}; a missing entry is malformed. */
    static Object required(Map<?, ?> map, long key, String what) throws MalformedException {
        Object value = map.get(key);
        if (value == null && !map.containsKey(key)) {
            throw new MalformedException(what + " is missing (label " + key + ")");
        }
        return value;
    }

    /** Rejects labels other than {@code allowed}: an envelope carries nothing we do not check. */
    static void onlyLabels(Map<?, ?> map, String what, long... allowed) throws MalformedException {
        outer:
        for (Object key : map.keySet()) {
            for (long label : allowed) {
                if (key instanceof Long number && number == label) {
                    continue outer;
                }
            }
            throw new MalformedException(what + " has an unexpected label " + key);
        }
    }
}
