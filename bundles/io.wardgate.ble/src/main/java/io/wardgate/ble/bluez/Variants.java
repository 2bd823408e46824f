package io.wardgate.ble.bluez;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.types.Variant;

/** Turns dbus-java values into plain Java, so that nothing past the seam sees a dbus-java type. */
final class Variants {
    /** Deeper than any BlueZ property goes (a{sv} in a{sv} at most): a bound on hostile nesting. */
    private static final int MAX_DEPTH = 6;

    private Variants() {
    }

    static Map<String, Object> plainMap(Map<String, ? extends Variant<?>> properties) {
        Map<String, Object> plain = new LinkedHashMap<>();
        if (properties != null) {
            properties.forEach((name, value) -> plain.put(name, plain(value, 0)));
        }
        return plain;
    }

    static Object plain(Object value, int depth) {
        if (depth > MAX_DEPTH || value == null) {
            return null;
        }
        if (value instanceof Variant<?> variant) {
            return plain(variant.getValue(), depth + 1);
        }
        if (value instanceof DBusPath path) {
            return path.getPath();
        }
        if (value instanceof byte[] bytes) {
            return bytes.clone();
        }
        if (value instanceof Byte[] boxed) {
            byte[] bytes = new byte[boxed.length];
            for (int i = 0; i < boxed.length; i++) {
                bytes[i] = boxed[i] == null ? 0 : boxed[i];
            }
            return bytes;
        }
        if (value.getClass().isArray()) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                list.add(plain(Array.get(value, i), depth + 1));
            }
            return list;
        }
        if (value instanceof Collection<?> collection) {
            if (!collection.isEmpty() && collection.stream().allMatch(Byte.class::isInstance)) {
                byte[] bytes = new byte[collection.size()]; // "ay" may arrive as a List<Byte>
                int i = 0;
                for (Object item : collection) {
                    bytes[i++] = (Byte) item;
                }
                return bytes;
            }
            List<Object> list = new ArrayList<>();
            for (Object item : collection) {
                list.add(plain(item, depth + 1));
            }
            return list;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> plain = new LinkedHashMap<>();
            map.forEach((k, v) -> plain.put(plain(k, depth + 1), plain(v, depth + 1)));
            return plain;
        }
        return value; // String, Boolean, and Numbers (dbus-java's UInt16/UInt32/UInt64 are Numbers too)
    }
}
