package io.wardgate.ble.bluez;

import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.Variant;

/** org.bluez.Adapter1, the methods we call (device-protocols.md, BlueZ section). Names are BlueZ's. */
@DBusInterfaceName("org.bluez.Adapter1")
@SuppressWarnings("checkstyle:MethodName")
public interface Adapter1 extends DBusInterface {
    void SetDiscoveryFilter(Map<String, Variant<?>> filter);

    void StartDiscovery();

    void StopDiscovery();

    void RemoveDevice(DBusPath device);
}
