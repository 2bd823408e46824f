package io.wardgate.sim.ble;

import io.wardgate.sim.ble.bluez.BluezAdapter1;
import java.util.LinkedHashMap;
import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.types.Variant;

/** /org/bluez/hciN: power, discovery with a filter. */
final class FakeAdapter extends BluezObject implements BluezAdapter1 {
    static final String IFACE = "org.bluez.Adapter1";

    private Map<String, Object> filter = Map.of();

    FakeAdapter(FakeBluez bluez, String path, String address) {
        super(bluez, path);
        init(IFACE, "Address", new Variant<>(address));
        init(IFACE, "Name", new Variant<>("wardgate-sim"));
        init(IFACE, "Powered", new Variant<>(false));
        init(IFACE, "Discovering", new Variant<>(false));
    }

    boolean powered() {
        return Boolean.TRUE.equals(value(IFACE, "Powered"));
    }

    boolean discovering() {
        return Boolean.TRUE.equals(value(IFACE, "Discovering"));
    }

    Map<String, Object> filter() {
        synchronized (bluez) {
            return filter;
        }
    }

    @Override
    void set(String iface, String name, Object value) {
        if (IFACE.equals(iface) && "Powered".equals(name) && value instanceof Boolean on) {
            change(IFACE, "Powered", new Variant<>(on));
            if (!on) {
                change(IFACE, "Discovering", new Variant<>(false));
                bluez.adapterPoweredOff();
            }
            return;
        }
        super.set(iface, name, value);
    }

    @Override
    public void SetDiscoveryFilter(Map<String, Variant<?>> newFilter) {
        Map<String, Object> plain = new LinkedHashMap<>();
        newFilter.forEach((key, value) -> plain.put(key, value.getValue()));
        synchronized (bluez) {
            bluez.recordCall("SetDiscoveryFilter", getObjectPath());
            filter = plain;
        }
    }

    @Override
    public void StartDiscovery() {
        synchronized (bluez) {
            bluez.recordCall("StartDiscovery", getObjectPath());
            if (!powered()) {
                throw new DBusExecutionException("org.bluez.Error.NotReady: adapter is powered off");
            }
            change(IFACE, "Discovering", new Variant<>(true));
        }
    }

    @Override
    public void StopDiscovery() {
        synchronized (bluez) {
            change(IFACE, "Discovering", new Variant<>(false));
        }
    }

    @Override
    public void RemoveDevice(DBusPath device) {
        synchronized (bluez) {
            bluez.recordCall("RemoveDevice", device.getPath());
        }
    }
}
