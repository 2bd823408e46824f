package io.wardgate.sim.ble.bluez;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;

/** org.bluez.GattService1: properties only (UUID, Primary, Device). */
@DBusInterfaceName("org.bluez.GattService1")
public interface BluezGattService1 extends DBusInterface {
}
