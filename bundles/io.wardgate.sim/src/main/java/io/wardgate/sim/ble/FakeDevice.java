package io.wardgate.sim.ble;

import io.wardgate.api.driver.GattUuids;
import io.wardgate.sim.ble.bluez.BluezDevice1;
import java.util.List;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.types.Variant;

/** A device BlueZ can see: Connect resolves its one health service; Disconnect drops it again. */
final class FakeDevice extends BluezObject implements BluezDevice1 {
    static final String IFACE = "org.bluez.Device1";

    private final SimulatedBleDevice simulated;
    private FakeService service;
    private FakeCharacteristic characteristic;

    FakeDevice(FakeBluez bluez, String adapterPath, SimulatedBleDevice simulated) {
        super(bluez, simulated.path(adapterPath));
        this.simulated = simulated;
        init(IFACE, "Address", new Variant<>(simulated.address()));
        init(IFACE, "AddressType", new Variant<>("random"));
        init(IFACE, "Name", new Variant<>(simulated.name()));
        init(IFACE, "Alias", new Variant<>(simulated.name()));
        init(IFACE, "Adapter", new Variant<>(new DBusPath(adapterPath)));
        init(IFACE, "Paired", new Variant<>(simulated.bonded()));
        init(IFACE, "Bonded", new Variant<>(simulated.bonded()));
        init(IFACE, "Trusted", new Variant<>(simulated.bonded()));
        init(IFACE, "Blocked", new Variant<>(false));
        init(IFACE, "RSSI", new Variant<>((short) simulated.rssi()));
        init(IFACE, "UUIDs", new Variant<>(new String[] {GattUuids.fullUuid(simulated.profile().service())}, "as"));
        init(IFACE, "Connected", new Variant<>(false));
        init(IFACE, "ServicesResolved", new Variant<>(false));
    }

    SimulatedBleDevice simulated() {
        return simulated;
    }

    boolean connected() {
        return Boolean.TRUE.equals(value(IFACE, "Connected"));
    }

    FakeCharacteristic characteristic() {
        synchronized (bluez) {
            return characteristic;
        }
    }

    @Override
    public void Connect() {
        synchronized (bluez) {
            bluez.recordCall("Connect", simulated.address());
            if (!bluez.present(this)) {
                throw new DBusExecutionException("org.bluez.Error.Failed: le-connection-abort-by-local");
            }
            if (connected()) {
                return;
            }
            change(IFACE, "Connected", new Variant<>(true));
            String servicePath = getObjectPath() + "/service0010";
            service = new FakeService(bluez, servicePath, getObjectPath(), simulated.profile());
            characteristic = new FakeCharacteristic(bluez, servicePath + "/char0011", servicePath, this,
                    simulated.profile());
            bluez.addObject(service);
            bluez.addObject(characteristic);
            change(IFACE, "ServicesResolved", new Variant<>(true));
        }
    }

    @Override
    public void Disconnect() {
        synchronized (bluez) {
            bluez.recordCall("Disconnect", simulated.address());
            dropConnection();
        }
    }

    @Override
    public void Pair() {
        throw new DBusExecutionException("org.bluez.Error.NotSupported: pair with bluetoothctl");
    }

    /** The link went down (out of range, adapter reset): GATT objects go, as bluetoothd removes them. */
    void dropConnection() {
        synchronized (bluez) {
            if (!connected()) {
                return;
            }
            change(IFACE, "ServicesResolved", new Variant<>(false));
            change(IFACE, "Connected", new Variant<>(false));
            for (BluezObject gatt : List.of(characteristic, service)) {
                bluez.removeObject(gatt);
            }
            characteristic = null;
            service = null;
        }
    }

    /** Objects below this device (while connected), for GetManagedObjects and removal. */
    List<BluezObject> children() {
        synchronized (bluez) {
            return characteristic == null ? List.of() : List.of(service, characteristic);
        }
    }
}
