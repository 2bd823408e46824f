package io.wardgate.sim.ble;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fake bluetoothd: owns org.bluez on a real D-Bus bus and serves an object tree (ObjectManager,
 * Adapter1, Device1, GattService1, GattCharacteristic1) that behaves like BlueZ's for the calls a
 * GATT client makes. Devices appear and vanish; their measurements go out as PropertiesChanged "Value"
 * once a client called StartNotify. It records the calls it gets, so tests can check, for example,
 * that a device was never connected. Thread-safe: one lock (this object) guards everything.
 */
public final class FakeBluez implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FakeBluez.class);
    static final String NAME = "org.bluez";

    private final String busAddress;
    private final String adapterPath;
    private final FakeObjectManager objectManager = new FakeObjectManager(this);
    private final Map<String, FakeDevice> present = new LinkedHashMap<>();
    private final List<String> calls = new ArrayList<>();
    private FakeAdapter adapter;
    private DBusConnection connection;

    private FakeBluez(String busAddress, String adapter) {
        this.busAddress = busAddress;
        this.adapterPath = "/org/bluez/" + adapter;
        this.adapter = new FakeAdapter(this, adapterPath, "00:1A:7D:DA:71:13");
    }

    /** Connects to the bus at {@code busAddress} and takes the name org.bluez, with adapter hci0 (powered off). */
    public static FakeBluez start(String busAddress) {
        return start(busAddress, "hci0");
    }

    public static FakeBluez start(String busAddress, String adapter) {
        FakeBluez bluez = new FakeBluez(busAddress, adapter);
        bluez.open();
        return bluez;
    }

    /** The device comes into range (advertises): InterfacesAdded. */
    public synchronized void appear(SimulatedBleDevice device) {
        if (present.containsKey(device.address())) {
            return;
        }
        FakeDevice fake = new FakeDevice(this, adapterPath, device);
        present.put(device.address(), fake);
        addObject(fake);
    }

    /** The device goes out of range: its link drops and BlueZ forgets it (InterfacesRemoved). */
    public synchronized void vanish(String address) {
        FakeDevice fake = present.remove(address);
        if (fake != null) {
            fake.dropConnection();
            removeObject(fake);
        }
    }

    /** The link drops but the device stays known (supervision timeout, device switched off briefly). */
    public synchronized void dropConnection(String address) {
        FakeDevice fake = present.get(address);
        if (fake != null) {
            fake.dropConnection();
        }
    }

    /** The device measured something; true when a subscribed client was sent it. */
    public boolean measure(String address, byte[] value) {
        synchronized (this) {
            FakeDevice fake = present.get(address);
            FakeCharacteristic characteristic = fake == null ? null : fake.characteristic();
            return characteristic != null && characteristic.send(value.clone());
        }
    }

    /** bluetoothd restarts: org.bluez vanishes from the bus with every connection, then returns. */
    public synchronized void restartDaemon() {
        closeConnection(); // killed: it says nothing more, its name and objects just vanish
        for (FakeDevice fake : present.values()) {
            fake.dropConnection();
        }
        adapter = new FakeAdapter(this, adapterPath, "00:1A:7D:DA:71:13");
        adapter.init(FakeAdapter.IFACE, "Powered", new Variant<>(true)); // AutoEnable=true in main.conf
        List<FakeDevice> again = new ArrayList<>();
        for (FakeDevice fake : present.values()) {
            again.add(new FakeDevice(this, adapterPath, fake.simulated()));
        }
        present.clear();
        again.forEach(fake -> present.put(fake.simulated().address(), fake));
        open();
    }

    /** The adapter is reset (hciconfig reset, USB re-plug): links drop, the adapter object goes and returns off. */
    public synchronized void resetAdapter() {
        for (FakeDevice fake : present.values()) {
            fake.dropConnection();
        }
        removeObject(adapter);
        adapter = new FakeAdapter(this, adapterPath, "00:1A:7D:DA:71:13");
        addObject(adapter);
    }

    /** How many times a client called {@code method} ("Connect", "StartNotify", ...) for {@code target}. */
    public synchronized int calls(String method, String target) {
        return (int) calls.stream().filter((method + " " + target)::equals).count();
    }

    public synchronized int calls(String method) {
        return (int) calls.stream().filter(c -> c.startsWith(method + " ")).count();
    }

    public synchronized Map<String, Object> discoveryFilter() {
        return adapter.filter();
    }

    public synchronized boolean powered() {
        return adapter.powered();
    }

    public synchronized boolean discovering() {
        return adapter.discovering();
    }

    public synchronized boolean connected(String address) {
        FakeDevice fake = present.get(address);
        return fake != null && fake.connected();
    }

    public synchronized boolean notifying(String address) {
        FakeDevice fake = present.get(address);
        FakeCharacteristic characteristic = fake == null ? null : fake.characteristic();
        return characteristic != null && characteristic.notifying();
    }

    /** The unique bus name bluetoothd has now, empty while it is "down". */
    public synchronized Optional<String> uniqueName() {
        return connection == null ? Optional.empty() : Optional.of(connection.getUniqueName());
    }

    @Override
    public synchronized void close() {
        closeConnection();
    }

    // ---- package-private plumbing for the fake objects (caller holds the lock)

    void recordCall(String method, String target) {
        calls.add(method + " " + target);
    }

    boolean present(FakeDevice fake) {
        return present.get(fake.simulated().address()) == fake;
    }

    void adapterPoweredOff() {
        for (FakeDevice fake : present.values()) {
            fake.dropConnection();
        }
    }

    synchronized List<BluezObject> objects() {
        List<BluezObject> all = new ArrayList<>();
        all.add(adapter);
        for (FakeDevice fake : present.values()) {
            all.add(fake);
            all.addAll(fake.children());
        }
        return all;
    }

    void addObject(BluezObject object) {
        if (connection != null) {
            try {
                connection.exportObject(object.getObjectPath(), object);
                emit(new ObjectManager.InterfacesAdded("/", new DBusPath(object.getObjectPath()), object.snapshot()));
            } catch (DBusException e) {
                throw new IllegalStateException("cannot export " + object.getObjectPath(), e);
            }
        }
    }

    void removeObject(BluezObject object) {
        if (connection != null) {
            connection.unExportObject(object.getObjectPath());
            try {
                emit(new ObjectManager.InterfacesRemoved("/", new DBusPath(object.getObjectPath()), object.interfaces()));
            } catch (DBusException e) {
                throw new IllegalStateException("cannot announce removal of " + object.getObjectPath(), e);
            }
        }
    }

    void emitPropertiesChanged(String path, String iface, Map<String, Variant<?>> changed) {
        try {
            emit(new Properties.PropertiesChanged(path, iface, changed, List.of()));
        } catch (DBusException e) {
            throw new IllegalStateException("cannot signal a property change on " + path, e);
        }
    }

    private void emit(DBusSignal signal) {
        if (connection != null) {
            connection.sendMessage(signal);
        }
    }

    private void open() {
        try {
            connection = DBusConnectionBuilder.forAddress(busAddress).withShared(false).build();
            connection.exportObject("/", objectManager);
            for (BluezObject object : objects()) {
                connection.exportObject(object.getObjectPath(), object);
            }
            connection.requestBusName(NAME);
            LOG.info("fake BlueZ is {} on {}", connection.getUniqueName(), busAddress);
        } catch (DBusException e) {
            closeConnection();
            throw new IllegalStateException("fake BlueZ cannot start on " + busAddress + ": " + e.getMessage(), e);
        }
    }

    private void closeConnection() {
        if (connection != null) {
            connection.disconnect();
            connection = null;
        }
    }
}
