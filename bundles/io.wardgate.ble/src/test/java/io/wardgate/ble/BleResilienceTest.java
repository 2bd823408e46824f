package io.wardgate.ble;

import static io.wardgate.ble.BleFixture.hex;
import static io.wardgate.ble.BleGatewayTest.STRAP;
import static io.wardgate.ble.BleGatewayTest.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.DeviceEvent;
import io.wardgate.api.pipeline.Verdict;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * R5 (security-requirements.md): out of range and back, link loss, bluetoothd restart and adapter
 * reset are survived without help; and S6/S10: values from anyone but org.bluez are ignored.
 */
class BleResilienceTest {
    private static final String CHARACTERISTIC = "/org/bluez/hci0/dev_C0_FF_EE_00_00_01/service0010/char0011";

    @TempDir
    Path dir;
    BleFixture ble;

    @BeforeEach
    void connected() throws Exception {
        ble = new BleFixture(dir);
        ble.policy.set(STRAP.address(), Verdict.ALLOWED);
        ble.bluez.appear(STRAP);
        ble.startGateway();
        eventually().until(() -> ble.bluez.notifying(STRAP.address()));
        assertThat(ble.bluez.calls("Connect", STRAP.address())).isEqualTo(1);
    }

    @AfterEach
    void stop() throws Exception {
        ble.close();
    }

    /** The strap sends {@code bpm} and the gateway hands it in. */
    private void delivers(int bpm) {
        String value = Integer.toString(bpm);
        eventually().until(() -> {
            // device-protocols.md:126 "`00 55` -> 85 bpm" (flags 00, u8 heart rate)
            ble.bluez.measure(STRAP.address(), new byte[] {0x00, (byte) bpm});
            return ble.intake.values(STRAP.address()).contains(value);
        });
    }

    @Test
    void deviceLeavingRangeAndReturningIsReconnected() {
        delivers(70);
        ble.bluez.vanish(STRAP.address());
        eventually().until(() -> ble.intake.events(STRAP.address(), DeviceEvent.Kind.DISCONNECTED) == 1);
        assertThat(ble.bluez.measure(STRAP.address(), hex("00 55"))).isFalse();

        ble.bluez.appear(STRAP);
        eventually().until(() -> ble.bluez.notifying(STRAP.address()));
        assertThat(ble.bluez.calls("Connect", STRAP.address())).isEqualTo(2);
        delivers(71);
        assertThat(ble.intake.events(STRAP.address(), DeviceEvent.Kind.CONNECTED)).isEqualTo(2);
    }

    @Test
    void lostLinkIsReconnected() {
        ble.bluez.dropConnection(STRAP.address());
        eventually().until(() -> ble.bluez.calls("Connect", STRAP.address()) == 2);
        eventually().until(() -> ble.bluez.notifying(STRAP.address()));
        delivers(72);
    }

    @Test
    void bluetoothdRestartIsSurvived() {
        String before = ble.bluez.uniqueName().orElseThrow();
        ble.bluez.restartDaemon();
        assertThat(ble.bluez.uniqueName()).isPresent().isNotEqualTo(java.util.Optional.of(before));
        eventually().until(() -> ble.bluez.notifying(STRAP.address()));
        assertThat(ble.bluez.calls("Connect", STRAP.address())).isEqualTo(2);
        assertThat(ble.bluez.discovering()).isTrue();
        delivers(73);
        assertThat(ble.intake.events(STRAP.address(), DeviceEvent.Kind.DISCONNECTED)).isEqualTo(1);
    }

    @Test
    void adapterResetIsSurvived() {
        ble.bluez.resetAdapter();
        eventually().until(() -> ble.bluez.powered() && ble.bluez.discovering());
        eventually().until(() -> ble.bluez.notifying(STRAP.address()));
        assertThat(ble.bluez.calls("Connect", STRAP.address())).isEqualTo(2);
        assertThat(ble.bluez.calls("SetDiscoveryFilter")).isEqualTo(2);
        delivers(74);
    }

    @Test
    void busDaemonRestartIsSurvived() throws Exception {
        delivers(77);
        ble.restartBus();
        eventually().until(() -> ble.bluez.notifying(STRAP.address()));
        assertThat(ble.bluez.calls("Connect", STRAP.address())).isEqualTo(2);
        delivers(78);
    }

    @Test
    void valuesFromAnotherSenderThanBluezAreIgnored() throws Exception {
        delivers(75);
        try (DBusConnection impostor = DBusConnectionBuilder.forAddress(ble.bus.address()).withShared(false).build()) {
            for (int i = 0; i < 20; i++) {
                impostor.sendMessage(new Properties.PropertiesChanged(CHARACTERISTIC, "org.bluez.GattCharacteristic1",
                        Map.of("Value", new Variant<>(new byte[] {0x00, (byte) 199})), List.of()));
            }
        }
        delivers(76); // sent after the forgeries: once it is in, they were handled (and dropped)
        assertThat(ble.intake.values(STRAP.address())).doesNotContain("199");
    }
}
