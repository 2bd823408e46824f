package io.wardgate.seal.envelope;

import com.upokecenter.cbor.CBOREncodeOptions;
import com.upokecenter.cbor.CBORObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The CBOR library's deterministic encoding of WardGate's plain values, as the sealer made it before
 * {@link CborWriter}: the reference the direct writer is tested against, kept here so that the product
 * carries only the writer.
 */
final class LibraryCbor {
    private static final CBOREncodeOptions ENCODE = new CBOREncodeOptions("keepkeyorder=true");

    private LibraryCbor() {
    }

    static byte[] encode(Object value) {
        return toCbor(value, 0).EncodeToBytes(ENCODE);
    }

    private static CBORObject toCbor(Object value, int depth) {
        if (depth > Cbor.MAX_DEPTH) {
            throw new IllegalArgumentException("nested deeper than " + Cbor.MAX_DEPTH);
        }
        if (value == null) {
            return CBORObject.Null;
        } else if (value instanceof Long number) {
            return CBORObject.FromObject(number.longValue());
        } else if (value instanceof Integer number) {
            return CBORObject.FromObject(number.longValue());
        } else if (value instanceof String text) {
            return CBORObject.FromObject(text);
        } else if (value instanceof byte[] bytes) {
            return CBORObject.FromObject(bytes);
        } else if (value instanceof Boolean flag) {
            return flag ? CBORObject.True : CBORObject.False;
        } else if (value instanceof Cbor.Tagged tagged) {
            if (tagged.tag() < 0) {
                throw new IllegalArgumentException("negative tag");
            }
            return CBORObject.FromObjectAndTag(toCbor(tagged.value(), depth + 1),
                    com.upokecenter.numbers.EInteger.FromInt64(tagged.tag()));
        } else if (value instanceof List<?> list) {
            CBORObject array = CBORObject.NewArray();
            for (Object item : list) {
                array.Add(toCbor(item, depth + 1));
            }
            return array;
        } else if (value instanceof Map<?, ?> map) {
            List<byte[][]> entries = new ArrayList<>(map.size());
            List<CBORObject[]> objects = new ArrayList<>(map.size());
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                CBORObject key = toCbor(entry.getKey(), depth + 1);
                entries.add(new byte[][] {key.EncodeToBytes(ENCODE)});
                objects.add(new CBORObject[] {key, toCbor(entry.getValue(), depth + 1)});
            }
            Integer[] order = new Integer[entries.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(entries.get(a)[0], entries.get(b)[0]));
            CBORObject out = CBORObject.NewOrderedMap();
            for (int i : order) {
                out.Add(objects.get(i)[0], objects.get(i)[1]);
            }
            return out;
        }
        throw new IllegalArgumentException("no CBOR form for " + value.getClass().getName());
    }
}
