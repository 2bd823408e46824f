package io.wardgate.sim.ble;

import java.util.LinkedHashMap;
import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.types.Variant;

/** org.freedesktop.DBus.ObjectManager at "/", as bluetoothd serves it. */
final class FakeObjectManager implements ObjectManager {
    private final FakeBluez bluez;

    FakeObjectManager(FakeBluez bluez) {
        this.bluez = bluez;
    }

    @Override
    public Map<DBusPath, Map<String, Map<String, Variant<?>>>> GetManagedObjects() {
        Map<DBusPath, Map<String, Map<String, Variant<?>>>> objects = new LinkedHashMap<>();
        for (BluezObject object : bluez.objects()) {
            objects.put(new DBusPath(object.getObjectPath()), object.snapshot());
        }
        return objects;
    }

    @Override
    public String getObjectPath() {
        return "/";
    }

    @Override
    public boolean isRemote() {
        return false;
    }
}
