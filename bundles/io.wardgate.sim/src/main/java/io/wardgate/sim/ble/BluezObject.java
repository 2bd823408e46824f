package io.wardgate.sim.ble;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;

/**
 * One object of the fake BlueZ tree with its properties per interface, served through
 * org.freedesktop.DBus.Properties. Changes go out as PropertiesChanged, as bluetoothd sends them.
 * All state is guarded by the owning {@link FakeBluez}'s lock.
 */
abstract class BluezObject implements Properties {
    protected final FakeBluez bluez;
    private final String path;
    private final Map<String, Map<String, Variant<?>>> properties = new LinkedHashMap<>();

    BluezObject(FakeBluez bluez, String path) {
        this.bluez = bluez;
        this.path = path;
    }

    @Override
    public String getObjectPath() {
        return path;
    }

    /** Sets a property without telling anyone (while building the object). */
    final void init(String iface, String name, Variant<?> value) {
        properties.computeIfAbsent(iface, i -> new LinkedHashMap<>()).put(name, value);
    }

    /** Sets a property and emits PropertiesChanged when it changed. */
    final void change(String iface, String name, Variant<?> value) {
        synchronized (bluez) {
            Variant<?> old = properties.computeIfAbsent(iface, i -> new LinkedHashMap<>()).put(name, value);
            if (!value.equals(old)) {
                bluez.emitPropertiesChanged(path, iface, Map.of(name, value));
            }
        }
    }

    final Object value(String iface, String name) {
        synchronized (bluez) {
            Map<String, Variant<?>> props = properties.get(iface);
            Variant<?> value = props == null ? null : props.get(name);
            return value == null ? null : value.getValue();
        }
    }

    final Map<String, Map<String, Variant<?>>> snapshot() {
        synchronized (bluez) {
            Map<String, Map<String, Variant<?>>> copy = new LinkedHashMap<>();
            properties.forEach((iface, props) -> copy.put(iface, new LinkedHashMap<>(props)));
            return copy;
        }
    }

    List<String> interfaces() {
        synchronized (bluez) {
            return List.copyOf(properties.keySet());
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A> A Get(String iface, String name) {
        Object value = value(iface, name);
        if (value == null) {
            throw new DBusExecutionException("org.freedesktop.DBus.Error.InvalidArgs: no property " + name);
        }
        return (A) value;
    }

    @Override
    public Map<String, Variant<?>> GetAll(String iface) {
        Map<String, Variant<?>> props = snapshot().get(iface);
        return props == null ? Map.of() : props;
    }

    @Override
    public <A> void Set(String iface, String name, A value) {
        Object plain = value instanceof Variant<?> variant ? variant.getValue() : value;
        synchronized (bluez) {
            set(iface, name, plain);
        }
    }

    /** A client wrote a property; the default refuses, as BlueZ does for read-only properties. */
    void set(String iface, String name, Object value) {
        throw new DBusExecutionException("org.bluez.Error.NotPermitted: " + name + " is read-only");
    }

    @Override
    public boolean isRemote() {
        return false;
    }
}
