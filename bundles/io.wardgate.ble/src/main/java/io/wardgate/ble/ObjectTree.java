package io.wardgate.ble;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * WardGate's copy of BlueZ's object tree (path -> interface -> property -> value), kept up to date from
 * GetManagedObjects, InterfacesAdded/Removed and PropertiesChanged. Owned by the driver's event thread.
 * Characteristic values are not kept: they are readings, decoded and handed on when they arrive.
 */
final class ObjectTree {
    /** Far more than a ward's adapter will ever hold; a bound on what a misbehaving bus can make us keep. */
    static final int MAX_OBJECTS = 4096;

    private final Map<String, Map<String, Map<String, Object>>> objects = new TreeMap<>();

    void replace(Map<String, Map<String, Map<String, Object>>> tree) {
        objects.clear();
        tree.forEach(this::add);
    }

    void clear() {
        objects.clear();
    }

    void add(String path, Map<String, Map<String, Object>> interfaces) {
        if (!objects.containsKey(path) && objects.size() >= MAX_OBJECTS) {
            return;
        }
        Map<String, Map<String, Object>> known = objects.computeIfAbsent(path, p -> new HashMap<>());
        interfaces.forEach((iface, props) -> {
            Map<String, Object> copy = new HashMap<>(props);
            copy.remove("Value");
            known.put(iface, copy);
        });
    }

    void remove(String path, List<String> interfaces) {
        Map<String, Map<String, Object>> known = objects.get(path);
        if (known == null) {
            return;
        }
        interfaces.forEach(known::remove);
        if (known.isEmpty()) {
            objects.remove(path);
        }
    }

    void update(String path, String iface, Map<String, Object> changed, List<String> invalidated) {
        Map<String, Map<String, Object>> known = objects.get(path);
        Map<String, Object> props = known == null ? null : known.get(iface);
        if (props == null) {
            return; // a change to an object we never heard of: GetManagedObjects will bring it if it is real
        }
        changed.forEach((name, value) -> {
            if (!"Value".equals(name)) {
                props.put(name, value);
            }
        });
        invalidated.forEach(props::remove);
    }

    /** The properties of {@code iface} at {@code path}, or null when there is no such object. */
    Map<String, Object> get(String path, String iface) {
        Map<String, Map<String, Object>> known = objects.get(path);
        return known == null ? null : known.get(iface);
    }

    /** Paths that have {@code iface}, below {@code prefix} (prefix itself excluded), in path order. */
    List<String> pathsWith(String iface, String prefix) {
        String below = prefix.endsWith("/") ? prefix : prefix + "/";
        return objects.entrySet().stream()
                .filter(e -> e.getKey().startsWith(below) && e.getValue().containsKey(iface))
                .map(Map.Entry::getKey)
                .toList();
    }

    static boolean bool(Map<String, Object> props, String name) {
        return props != null && Boolean.TRUE.equals(props.get(name));
    }

    static String string(Map<String, Object> props, String name) {
        Object value = props == null ? null : props.get(name);
        return value instanceof String text ? text : "";
    }
}
