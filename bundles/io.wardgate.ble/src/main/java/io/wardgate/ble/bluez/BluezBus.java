package io.wardgate.ble.bluez;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The narrow seam between WardGate and D-Bus: what the BLE driver asks of BlueZ. Values arrive as
 * plain Java (String, Boolean, Number, byte[], List, Map; object paths as String). Every method may
 * block for a D-Bus round trip and throws {@link BluezException} when the call fails.
 */
public interface BluezBus extends AutoCloseable {
    String BLUEZ = "org.bluez";
    String ADAPTER = "org.bluez.Adapter1";
    String DEVICE = "org.bluez.Device1";
    String GATT_SERVICE = "org.bluez.GattService1";
    String GATT_CHARACTERISTIC = "org.bluez.GattCharacteristic1";

    /** The unique bus name that owns org.bluez now, empty when bluetoothd is not running. */
    Optional<String> bluezOwner();

    /** ObjectManager.GetManagedObjects on org.bluez: path -> interface -> property -> value. */
    Map<String, Map<String, Map<String, Object>>> managedObjects();

    void setPowered(String adapterPath, boolean powered);

    /** Adapter1.SetDiscoveryFilter with "UUIDs" (full 128-bit), "Transport" and, when set, "RSSI". */
    void setDiscoveryFilter(String adapterPath, List<String> uuids, String transport, Integer rssi);

    void startDiscovery(String adapterPath);

    void connect(String devicePath);

    void disconnect(String devicePath);

    void startNotify(String characteristicPath);

    @Override
    void close();

    /** What BlueZ tells us. Called on one thread, in the order the bus delivered it. */
    interface Listener {
        void interfacesAdded(String sender, String path, Map<String, Map<String, Object>> interfaces);

        void interfacesRemoved(String sender, String path, List<String> interfaces);

        void propertiesChanged(String sender, String path, String iface, Map<String, Object> changed,
                List<String> invalidated);

        /** org.bluez changed hands: {@code newOwner} is empty when bluetoothd went away. */
        void bluezOwnerChanged(String newOwner);

        /** The D-Bus connection itself broke (bus daemon restarted, socket closed). */
        void busLost(String reason);
    }

    /** Opens a connection to a bus. */
    @FunctionalInterface
    interface Connector {
        /**
         * @param address a D-Bus address such as "unix:path=/run/dbus/system_bus_socket"; empty for the system bus
         */
        BluezBus open(String address, Listener listener);
    }
}
