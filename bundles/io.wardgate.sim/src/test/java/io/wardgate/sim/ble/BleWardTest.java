package io.wardgate.sim.ble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.api.driver.GattDriver;
import io.wardgate.api.driver.GattResult;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated ward on dbus-java's embedded daemon (no external program), seen by a plain D-Bus
 * client doing what a GATT client does: GetManagedObjects, Connect, StartNotify, PropertiesChanged.
 */
class BleWardTest {
    @DBusInterfaceName("org.bluez.Device1")
    @SuppressWarnings("checkstyle:MethodName")
    public interface Device extends DBusInterface {
        void Connect();
    }

    @DBusInterfaceName("org.bluez.GattCharacteristic1")
    @SuppressWarnings("checkstyle:MethodName")
    public interface Characteristic extends DBusInterface {
        void StartNotify();
    }

    @TempDir
    Path dir;

    @Test
    void wardServesFiveBondedDevicesThatMeasureOnceSubscribed() throws Exception {
        try (PrivateBus bus = PrivateBus.embedded(dir);
                BleWard ward = BleWard.start(bus.address(), BleWard.DEVICES, 20);
                DBusConnection client = DBusConnectionBuilder.forAddress(bus.address()).withShared(false).build()) {
            Map<DBusPath, Map<String, Map<String, Variant<?>>>> objects =
                    client.getRemoteObject("org.bluez", "/", ObjectManager.class).GetManagedObjects();
            List<String> devices = objects.entrySet().stream()
                    .filter(e -> e.getValue().containsKey("org.bluez.Device1"))
                    .map(e -> e.getKey().getPath()).sorted().toList();
            assertThat(devices).hasSize(5).allMatch(p -> p.startsWith("/org/bluez/hci0/dev_C0_FF_EE_00_01_0"));
            assertThat(objects.get(new DBusPath(devices.get(0))).get("org.bluez.Device1").get("Bonded").getValue())
                    .isEqualTo(true);

            List<byte[]> values = new CopyOnWriteArrayList<>();
            client.addSigHandler(Properties.PropertiesChanged.class, signal -> {
                if (signal.getPropertiesChanged().containsKey("Value")) {
                    values.add(value(signal.getPropertiesChanged().get("Value").getValue()));
                }
            });
            // The pulse oximeter: connect, find its characteristic, subscribe.
            String oximeter = "/org/bluez/hci0/dev_C0_FF_EE_00_01_04";
            client.getRemoteObject("org.bluez", oximeter, Device.class).Connect();
            assertThat(ward.bluez().connected("C0:FF:EE:00:01:04")).isTrue();
            client.getRemoteObject("org.bluez", oximeter + "/service0010/char0011", Characteristic.class).StartNotify();
            await().atMost(Duration.ofSeconds(10)).until(() -> values.size() >= 3);
            for (byte[] value : values) {
                GattResult result = java.util.ServiceLoader.load(GattDriver.class).findFirst().orElseThrow()
                        .decode("2A5F", value, Instant.now(), java.time.ZoneOffset.UTC);
                assertThat(result).isInstanceOf(GattResult.GattMeasurement.class);
            }
            assertThat(ward.bluez().calls("Connect")).isEqualTo(1);
        }
    }

    private static byte[] value(Object value) {
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        List<?> list = (List<?>) value;
        byte[] bytes = new byte[list.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (Byte) list.get(i);
        }
        return bytes;
    }
}
