package io.wardgate.sim.ble;

import io.wardgate.api.driver.GattUuids;
import io.wardgate.driver.gatt.sim.BleProfile;
import io.wardgate.sim.ble.bluez.BluezGattCharacteristic1;
import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.types.Variant;

/** A measurement characteristic: StartNotify, then every value goes out as PropertiesChanged "Value". */
final class FakeCharacteristic extends BluezObject implements BluezGattCharacteristic1 {
    static final String IFACE = "org.bluez.GattCharacteristic1";

    private final FakeDevice device;

    FakeCharacteristic(FakeBluez bluez, String path, String servicePath, FakeDevice device, BleProfile profile) {
        super(bluez, path);
        this.device = device;
        init(IFACE, "UUID", new Variant<>(GattUuids.fullUuid(profile.characteristic())));
        init(IFACE, "Service", new Variant<>(new DBusPath(servicePath)));
        init(IFACE, "Device", new Variant<>(new DBusPath(device.getObjectPath())));
        init(IFACE, "Flags", new Variant<>(new String[] {profile.flag()}, "as"));
        init(IFACE, "Notifying", new Variant<>(false));
    }

    boolean notifying() {
        return Boolean.TRUE.equals(value(IFACE, "Notifying"));
    }

    /** The device measured something: sends it when a client subscribed. */
    boolean send(byte[] value) {
        synchronized (bluez) {
            if (!notifying()) {
                return false;
            }
            bluez.emitPropertiesChanged(getObjectPath(), IFACE, Map.of("Value", new Variant<>(value)));
            return true;
        }
    }

    @Override
    public byte[] ReadValue(Map<String, Variant<?>> options) {
        throw new DBusExecutionException("org.bluez.Error.NotPermitted: measurements are notified, not read");
    }

    @Override
    public void StartNotify() {
        synchronized (bluez) {
            bluez.recordCall("StartNotify", device.simulated().address());
            if (!device.connected()) {
                throw new DBusExecutionException("org.bluez.Error.NotConnected: " + device.simulated().address());
            }
            change(IFACE, "Notifying", new Variant<>(true));
        }
    }

    @Override
    public void StopNotify() {
        synchronized (bluez) {
            change(IFACE, "Notifying", new Variant<>(false));
        }
    }
}
