package io.wardgate.seal.envelope;

import com.upokecenter.cbor.CBOREncodeOptions;
import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one file that knows the CBOR library. Everything else in WardGate speaks plain Java values:
 * {@code Long} (encoding also takes {@code Integer}), {@code String}, {@code byte[]}, {@code Boolean},
 * {@code null}, {@code List}, {@code Map} and {@link Tagged}. Swapping the library means rewriting
 * this file only.
 *
 * <p>Encoding is RFC 8949 core deterministic: shortest integer forms, definite lengths, and map keys
 * sorted by the bytewise order of their encodings. Decoding accepts only that encoding (the
 * caller re-encodes and compares, see {@link #decodeDeterministic}), so one envelope has exactly one
 * byte form.
 */
final class Cbor {
    /** Deepest nesting any WardGate structure uses is 6; anything deeper is not ours. */
    static final int MAX_DEPTH = 8;

    private static final CBOREncodeOptions DECODE = new CBOREncodeOptions(
            "allowduplicatekeys=false;keepkeyorder=true;resolvereferences=false;useindeflengthstrings=false");

    /** A CBOR tag and its content. */
    record Tagged(long tag, Object value) {
    }

    /** Input that is not well-formed CBOR of the shapes WardGate uses. */
    static final class MalformedException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedException(String message) {
            super(message);
        }
    }

    private Cbor() {
    }

    /**
     * The deterministic encoding of {@code value}, written straight into bytes by {@link CborWriter}: the
     * library's object tree took about 5 % of the gateway's CPU samples at 30,000 readings/s and 15 % of
     * the bytes a seal allocates (docs/benchmarks-history.md, "Steady state at 30,000/s and 20 lines/s, sixth
     * pass"). Byte for byte what the library gives (CborWriterTest, against the library's encoder).
     */
    static byte[] encode(Object value) {
        return CborWriter.encode(value);
    }

    /**
     * Decodes one complete data item, then checks that encoding it again gives back exactly the
     * input: rejects non-deterministic encodings, trailing bytes, floats and simple values.
     */
    static Object decodeDeterministic(byte[] bytes) throws MalformedException {
        Objects.requireNonNull(bytes, "bytes");
        Object value;
        try {
            value = fromCbor(CBORObject.DecodeFromBytes(bytes, DECODE), 0);
        } catch (MalformedException e) {
            throw e;
        } catch (RuntimeException e) {
            // The library reports bad input as CBORException (a RuntimeException) and may throw others.
            throw new MalformedException("not well-formed CBOR");
        }
        if (!Arrays.equals(encode(value), bytes)) {
            throw new MalformedException("not in deterministic encoding");
        }
        return value;
    }

    private static Object fromCbor(CBORObject object, int depth) throws MalformedException {
        if (depth > MAX_DEPTH) {
            throw new MalformedException("nested deeper than " + MAX_DEPTH);
        }
        if (object.isTagged()) {
            if (object.getTagCount() != 1 || !object.getMostOuterTag().CanFitInInt64()) {
                throw new MalformedException("unsupported tag");
            }
            long tag = object.getMostOuterTag().ToInt64Checked();
            return new Tagged(tag, fromCbor(object.UntagOne(), depth + 1));
        }
        CBORType type = object.getType();
        switch (type) {
            case Integer:
                if (!object.CanValueFitInInt64()) {
                    throw new MalformedException("integer out of 64-bit range");
                }
                return object.AsInt64Value();
            case ByteString:
                return object.GetByteString();
            case TextString:
                return object.AsString();
            case Boolean:
                return object.isTrue();
            case SimpleValue:
                if (object.isNull()) {
                    return null;
                }
                throw new MalformedException("unsupported simple value");
            case Array: {
                List<Object> list = new ArrayList<>(object.size());
                for (int i = 0; i < object.size(); i++) {
                    list.add(fromCbor(object.get(i), depth + 1));
                }
                return list;
            }
            case Map: {
                Map<Object, Object> map = new LinkedHashMap<>();
                for (Map.Entry<CBORObject, CBORObject> entry : object.getEntries()) {
                    Object key = fromCbor(entry.getKey(), depth + 1);
                    if (!(key instanceof Long) && !(key instanceof String)) {
                        throw new MalformedException("map keys are integers or text");
                    }
                    map.put(key, fromCbor(entry.getValue(), depth + 1));
                }
                return map;
            }
            default:
                throw new MalformedException("unsupported CBOR type " + type);
        }
    }
}
