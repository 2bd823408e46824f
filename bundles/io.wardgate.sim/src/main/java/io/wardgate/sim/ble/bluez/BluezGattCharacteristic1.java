package io.wardgate.sim.ble.bluez;

import java.util.Map;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.Variant;

/** org.bluez.GattCharacteristic1 as the fake BlueZ serves it. */
@DBusInterfaceName("org.bluez.GattCharacteristic1")
@SuppressWarnings("checkstyle:MethodName")
public interface BluezGattCharacteristic1 extends DBusInterface {
    byte[] ReadValue(Map<String, Variant<?>> options);

    void StartNotify();

    void StopNotify();
}
