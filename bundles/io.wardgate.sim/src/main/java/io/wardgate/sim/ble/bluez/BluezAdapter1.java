package io.wardgate.sim.ble.bluez;

import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.Variant;

/** org.bluez.Adapter1 as the fake BlueZ serves it (the server side; the gateway has its own client view). */
@DBusInterfaceName("org.bluez.Adapter1")
@SuppressWarnings("checkstyle:MethodName")
public interface BluezAdapter1 extends DBusInterface {
    void SetDiscoveryFilter(Map<String, Variant<?>> filter);

    void StartDiscovery();

    void StopDiscovery();

    void RemoveDevice(DBusPath device);
}
