package io.wardgate.ble.bluez;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;

/** org.bluez.Device1. Pairing is the clinical engineer's job (bluetoothctl), never the gateway's. */
@DBusInterfaceName("org.bluez.Device1")
@SuppressWarnings("checkstyle:MethodName")
public interface Device1 extends DBusInterface {
    void Connect();

    void Disconnect();
}
