package io.wardgate.ble.bluez;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.IDisconnectCallback;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;

/**
 * {@link BluezBus} over dbus-java. ObjectManager, Properties and DBus are dbus-java's own definitions
 * of the freedesktop interfaces (a second Java type for the same D-Bus interface would confuse its
 * signal dispatch); Adapter1, Device1 and GattCharacteristic1 are ours. Signals are subscribed without
 * a sender filter and handed on with their sender, which the caller checks against the current owner
 * of org.bluez: on the system bus any client may emit a PropertiesChanged signal.
 */
public final class DbusJavaBluez implements BluezBus {
    private final DBusConnection connection;
    private final List<AutoCloseable> handlers = new ArrayList<>();

    private DbusJavaBluez(DBusConnection connection) {
        this.connection = connection;
    }

    /** The production connector. */
    public static BluezBus open(String address, Listener listener) {
        IDisconnectCallback onDisconnect = new IDisconnectCallback() {
            @Override
            public void disconnectOnError(IOException error) {
                listener.busLost(error.getClass().getSimpleName());
            }
        };
        DBusConnection connection;
        try {
            DBusConnectionBuilder builder = address.isEmpty() ? DBusConnectionBuilder.forSystemBus()
                    : DBusConnectionBuilder.forAddress(address);
            connection = builder.withShared(false).withDisconnectCallback(onDisconnect).build();
        } catch (DBusException | RuntimeException e) {
            throw new BluezException("cannot connect to D-Bus at " + (address.isEmpty() ? "the system bus" : address)
                    + ": " + e.getMessage(), e);
        }
        DbusJavaBluez bus = new DbusJavaBluez(connection);
        try {
            bus.subscribe(listener);
        } catch (DBusException | RuntimeException e) {
            bus.close();
            throw new BluezException("cannot subscribe to BlueZ signals: " + e.getMessage(), e);
        }
        return bus;
    }

    private void subscribe(Listener listener) throws DBusException {
        handlers.add(connection.addSigHandler(DBus.NameOwnerChanged.class, signal -> {
            if (BLUEZ.equals(signal.name)) {
                listener.bluezOwnerChanged(signal.newOwner == null ? "" : signal.newOwner);
            }
        }));
        handlers.add(connection.addSigHandler(ObjectManager.InterfacesAdded.class, signal -> {
            Map<String, Map<String, Object>> interfaces = new LinkedHashMap<>();
            if (signal.getInterfaces() != null) {
                signal.getInterfaces().forEach((iface, props) -> interfaces.put(iface, Variants.plainMap(props)));
            }
            listener.interfacesAdded(source(signal.getSource()), signal.getSignalSource().getPath(), interfaces);
        }));
        handlers.add(connection.addSigHandler(ObjectManager.InterfacesRemoved.class, signal ->
                listener.interfacesRemoved(source(signal.getSource()), signal.getSignalSource().getPath(),
                        signal.getInterfaces() == null ? List.of() : List.copyOf(signal.getInterfaces()))));
        handlers.add(connection.addSigHandler(Properties.PropertiesChanged.class, signal ->
                listener.propertiesChanged(source(signal.getSource()), signal.getPath(), signal.getInterfaceName(),
                        Variants.plainMap(signal.getPropertiesChanged()),
                        signal.getPropertiesRemoved() == null ? List.of() : List.copyOf(signal.getPropertiesRemoved()))));
    }

    private static String source(String sender) {
        return sender == null ? "" : sender;
    }

    @Override
    public Optional<String> bluezOwner() {
        try {
            DBus dbus = connection.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
            return dbus.NameHasOwner(BLUEZ) ? Optional.of(dbus.GetNameOwner(BLUEZ)) : Optional.empty();
        } catch (DBusException | DBusExecutionException e) {
            throw failure("GetNameOwner(org.bluez)", e);
        }
    }

    @Override
    public Map<String, Map<String, Map<String, Object>>> managedObjects() {
        try {
            Map<String, Map<String, Map<String, Object>>> tree = new LinkedHashMap<>();
            Map<DBusPath, Map<String, Map<String, Variant<?>>>> objects =
                    connection.getRemoteObject(BLUEZ, "/", ObjectManager.class).GetManagedObjects();
            objects.forEach((path, interfaces) -> {
                Map<String, Map<String, Object>> plain = new LinkedHashMap<>();
                interfaces.forEach((iface, props) -> plain.put(iface, Variants.plainMap(props)));
                tree.put(path.getPath(), plain);
            });
            return tree;
        } catch (DBusException | DBusExecutionException e) {
            throw failure("GetManagedObjects", e);
        }
    }

    @Override
    public void setPowered(String adapterPath, boolean powered) {
        try {
            connection.getRemoteObject(BLUEZ, adapterPath, Properties.class).Set(ADAPTER, "Powered", powered);
        } catch (DBusException | DBusExecutionException e) {
            throw failure("Set Powered on " + adapterPath, e);
        }
    }

    @Override
    public void setDiscoveryFilter(String adapterPath, List<String> uuids, String transport, Integer rssi) {
        Map<String, Variant<?>> filter = new LinkedHashMap<>();
        filter.put("UUIDs", new Variant<>(uuids.toArray(new String[0]), "as"));
        filter.put("Transport", new Variant<>(transport));
        if (rssi != null) {
            filter.put("RSSI", new Variant<>(rssi.shortValue()));
        }
        try {
            connection.getRemoteObject(BLUEZ, adapterPath, Adapter1.class).SetDiscoveryFilter(filter);
        } catch (DBusException | DBusExecutionException e) {
            throw failure("SetDiscoveryFilter on " + adapterPath, e);
        }
    }

    @Override
    public void startDiscovery(String adapterPath) {
        try {
            connection.getRemoteObject(BLUEZ, adapterPath, Adapter1.class).StartDiscovery();
        } catch (DBusException | DBusExecutionException e) {
            throw failure("StartDiscovery on " + adapterPath, e);
        }
    }

    @Override
    public void connect(String devicePath) {
        try {
            connection.getRemoteObject(BLUEZ, devicePath, Device1.class).Connect();
        } catch (DBusException | DBusExecutionException e) {
            throw failure("Connect " + devicePath, e);
        }
    }

    @Override
    public void disconnect(String devicePath) {
        try {
            connection.getRemoteObject(BLUEZ, devicePath, Device1.class).Disconnect();
        } catch (DBusException | DBusExecutionException e) {
            throw failure("Disconnect " + devicePath, e);
        }
    }

    @Override
    public void startNotify(String characteristicPath) {
        try {
            connection.getRemoteObject(BLUEZ, characteristicPath, GattCharacteristic1.class).StartNotify();
        } catch (DBusException | DBusExecutionException e) {
            throw failure("StartNotify " + characteristicPath, e);
        }
    }

    private static BluezException failure(String what, Exception e) {
        String name = e instanceof DBusExecutionException execution && execution.getType() != null
                ? execution.getType() : e.getClass().getSimpleName();
        return new BluezException(what + " failed: " + name + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        // The signal handlers and match rules go with the connection; removing them one by one first
        // would block on a bus that is already gone.
        handlers.clear();
        connection.disconnect();
    }
}
