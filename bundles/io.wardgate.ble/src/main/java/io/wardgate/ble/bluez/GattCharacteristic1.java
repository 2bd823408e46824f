package io.wardgate.ble.bluez;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;

/** org.bluez.GattCharacteristic1: notifications and indications arrive as PropertiesChanged "Value". */
@DBusInterfaceName("org.bluez.GattCharacteristic1")
@SuppressWarnings("checkstyle:MethodName")
public interface GattCharacteristic1 extends DBusInterface {
    void StartNotify();

    void StopNotify();
}
