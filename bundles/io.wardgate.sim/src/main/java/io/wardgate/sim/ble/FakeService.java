package io.wardgate.sim.ble;

import io.wardgate.api.driver.GattUuids;
import io.wardgate.driver.gatt.sim.BleProfile;
import io.wardgate.sim.ble.bluez.BluezGattService1;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.types.Variant;

/** A primary GATT service of a connected device. */
final class FakeService extends BluezObject implements BluezGattService1 {
    static final String IFACE = "org.bluez.GattService1";

    FakeService(FakeBluez bluez, String path, String devicePath, BleProfile profile) {
        super(bluez, path);
        init(IFACE, "UUID", new Variant<>(GattUuids.fullUuid(profile.service())));
        init(IFACE, "Primary", new Variant<>(true));
        init(IFACE, "Device", new Variant<>(new DBusPath(devicePath)));
    }
}
