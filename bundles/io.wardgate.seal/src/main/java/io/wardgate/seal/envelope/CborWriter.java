package io.wardgate.seal.envelope;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes WardGate's plain Java values ({@link Cbor}'s value model) as RFC 8949 core deterministic CBOR:
 * shortest argument forms, definite lengths, map keys sorted by the bytewise order of their encodings.
 * The same bytes, and the same refusals ({@link IllegalArgumentException}: nesting deeper than
 * {@link Cbor#MAX_DEPTH}, a negative tag, an unpaired surrogate in a text, two keys of one map with the
 * same encoding, a type without a CBOR form), as the library's encoder; no object per item. One instance
 * per call; not thread-safe.
 */
final class CborWriter {
    private static final int UNSIGNED = 0;
    private static final int NEGATIVE = 1 << 5;
    private static final int BYTES = 2 << 5;
    private static final int TEXT = 3 << 5;
    private static final int ARRAY = 4 << 5;
    private static final int MAP = 5 << 5;
    private static final int TAG = 6 << 5;
    private static final int FALSE = 0xf4;
    private static final int TRUE = 0xf5;
    private static final int NULL = 0xf6;

    private byte[] buffer = new byte[256];
    private int length;

    private CborWriter() {
    }

    static byte[] encode(Object value) {
        CborWriter writer = new CborWriter();
        writer.write(value, 0);
        return Arrays.copyOf(writer.buffer, writer.length);
    }

    private void write(Object value, int depth) {
        if (depth > Cbor.MAX_DEPTH) {
            throw new IllegalArgumentException("nested deeper than " + Cbor.MAX_DEPTH);
        }
        if (value == null) {
            put(NULL);
        } else if (value instanceof Long number) {
            integer(number);
        } else if (value instanceof Integer number) {
            integer(number);
        } else if (value instanceof String text) {
            text(text);
        } else if (value instanceof byte[] bytes) {
            head(BYTES, bytes.length);
            put(bytes, 0, bytes.length);
        } else if (value instanceof Boolean flag) {
            put(flag ? TRUE : FALSE);
        } else if (value instanceof Cbor.Tagged tagged) {
            if (tagged.tag() < 0) {
                throw new IllegalArgumentException("negative tag");
            }
            head(TAG, tagged.tag());
            write(tagged.value(), depth + 1);
        } else if (value instanceof List<?> list) {
            head(ARRAY, list.size());
            for (Object item : list) {
                write(item, depth + 1);
            }
        } else if (value instanceof Map<?, ?> map) {
            map(map, depth);
        } else {
            throw new IllegalArgumentException("no CBOR form for " + value.getClass().getName());
        }
    }

    private void integer(long number) {
        if (number >= 0) {
            head(UNSIGNED, number);
        } else {
            head(NEGATIVE, -1 - number);
        }
    }

    /** ASCII text (the names, codes and units of readings) is copied char by char, without a byte[] of its own. */
    private void text(String text) {
        boolean ascii = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            ascii &= c < 0x80;
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    throw new IllegalArgumentException("String contains an unpaired surrogate code point.");
                }
            }
        }
        if (ascii) {
            head(TEXT, text.length());
            if (buffer.length - length < text.length()) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + text.length()));
            }
            for (int i = 0; i < text.length(); i++) {
                buffer[length++] = (byte) text.charAt(i);
            }
            return;
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        head(TEXT, utf8.length);
        put(utf8, 0, utf8.length);
    }

    /** Keys are encoded apart and sorted (maps are a few entries: an insertion sort), then written in order. */
    private void map(Map<?, ?> map, int depth) {
        int size = map.size();
        byte[][] keys = new byte[size][];
        Object[] values = new Object[size];
        int n = 0;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            int start = length;
            write(entry.getKey(), depth + 1);
            byte[] key = Arrays.copyOfRange(buffer, start, length);
            length = start;
            Object entryValue = entry.getValue();
            int at = n;
            while (at > 0) {
                int order = Arrays.compareUnsigned(keys[at - 1], key);
                if (order == 0) {
                    throw new IllegalArgumentException("Key already exists");
                }
                if (order < 0) {
                    break;
                }
                keys[at] = keys[at - 1];
                values[at] = values[at - 1];
                at--;
            }
            keys[at] = key;
            values[at] = entryValue;
            n++;
        }
        head(MAP, n);
        for (int i = 0; i < n; i++) {
            put(keys[i], 0, keys[i].length);
            write(values[i], depth + 1);
        }
    }

    /** The initial byte and the shortest argument: inline below 24, else 1, 2, 4 or 8 bytes (unsigned). */
    private void head(int major, long argument) {
        if (argument >= 0 && argument < 24) {
            put(major | (int) argument);
        } else if (argument >= 0 && argument <= 0xffL) {
            put(major | 24);
            put((int) argument);
        } else if (argument >= 0 && argument <= 0xffffL) {
            put(major | 25);
            put((int) (argument >>> 8));
            put((int) argument);
        } else if (argument >= 0 && argument <= 0xffffffffL) {
            put(major | 26);
            for (int shift = 24; shift >= 0; shift -= 8) {
                put((int) (argument >>> shift));
            }
        } else {
            put(major | 27);
            for (int shift = 56; shift >= 0; shift -= 8) {
                put((int) (argument >>> shift));
            }
        }
    }

    private void put(int b) {
        if (length == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        buffer[length++] = (byte) b;
    }

    private void put(byte[] bytes, int from, int count) {
        if (buffer.length - length < count) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + count));
        }
        System.arraycopy(bytes, from, buffer, length, count);
        length += count;
    }
}
