package io.wardgate.ble.bluez;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.types.Variant;

/**
 * Turns dbus-java values into plain Java, so that nothing past the seam sees a dbus-java type. Values
 * from the air (names, manufacturer and service data, UUID lists) are bounded here, before anything is
 * copied: a value over a bound is dropped (null, as if BlueZ had not sent it), never cut into something
 * that looks valid.
 */
final class Variants {
    /** Deeper than any BlueZ property goes (a{sv} in a{sv} at most): a bound on hostile nesting. */
    static final int MAX_DEPTH = 6;
    /** Longest byte array kept: an ATT value is at most 512 bytes, extended advertising data 1650. */
    static final int MAX_BYTES = 2048;
    /** Longest string kept (names, UUIDs, object paths are far shorter). */
    static final int MAX_STRING = 1024;
    /** Most entries kept of one array, list or dictionary (UUID lists, a{sv}, a{qv}). */
    static final int MAX_ITEMS = 128;

    private Variants() {
    }

    /** D-Bus a{sv} (values are Variants; anything else is taken as the value itself). */
    static Map<String, Object> plainMap(Map<String, ?> properties) {
        Map<String, Object> plain = new LinkedHashMap<>();
        if (properties != null && properties.size() <= MAX_ITEMS) {
            properties.forEach((name, value) -> {
                if (name != null && name.length() <= MAX_STRING) {
                    plain.put(name, plain(value, 0));
                }
            });
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
            return plain(path.getPath(), depth);
        }
        if (value instanceof String text) {
            return text.length() <= MAX_STRING ? text : null;
        }
        if (value instanceof byte[] bytes) {
            return bytes.length <= MAX_BYTES ? bytes.clone() : null;
        }
        if (value instanceof Byte[] boxed) {
            if (boxed.length > MAX_BYTES) {
                return null;
            }
            byte[] bytes = new byte[boxed.length];
            for (int i = 0; i < boxed.length; i++) {
                bytes[i] = boxed[i] == null ? 0 : boxed[i];
            }
            return bytes;
        }
        if (value.getClass().isArray()) {
            if (Array.getLength(value) > MAX_ITEMS) {
                return null;
            }
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                list.add(plain(Array.get(value, i), depth + 1));
            }
            return list;
        }
        if (value instanceof Collection<?> collection) {
            if (collection.size() > Math.max(MAX_ITEMS, MAX_BYTES)) {
                return null;
            }
            if (!collection.isEmpty() && collection.stream().allMatch(Byte.class::isInstance)) {
                byte[] bytes = new byte[collection.size()]; // "ay" may arrive as a List<Byte>
                int i = 0;
                for (Object item : collection) {
                    bytes[i++] = (Byte) item;
                }
                return bytes;
            }
            if (collection.size() > MAX_ITEMS) {
                return null;
            }
            List<Object> list = new ArrayList<>();
            for (Object item : collection) {
                list.add(plain(item, depth + 1));
            }
            return list;
        }
        if (value instanceof Map<?, ?> map) {
            if (map.size() > MAX_ITEMS) {
                return null;
            }
            Map<Object, Object> plain = new LinkedHashMap<>();
            map.forEach((k, v) -> plain.put(plain(k, depth + 1), plain(v, depth + 1)));
            return plain;
        }
        // Boolean and Numbers (dbus-java's UInt16/UInt32/UInt64 are Numbers too); nothing else is a D-Bus value.
        return value instanceof Boolean || value instanceof Number ? value : null;
    }
}
