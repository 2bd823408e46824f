package io.wardgate.sim.ble.bluez;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;

/** org.bluez.Device1 as the fake BlueZ serves it. */
@DBusInterfaceName("org.bluez.Device1")
@SuppressWarnings("checkstyle:MethodName")
public interface BluezDevice1 extends DBusInterface {
    void Connect();

    void Disconnect();

    void Pair();
}
