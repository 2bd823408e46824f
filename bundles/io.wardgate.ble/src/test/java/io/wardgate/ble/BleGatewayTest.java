package io.wardgate.ble;

import static io.wardgate.ble.BleFixture.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.api.DeviceEvent;
import io.wardgate.api.DeviceReadings;
import io.wardgate.api.DeviceSighting;
import io.wardgate.api.Transport;
import io.wardgate.api.pipeline.Verdict;
import io.wardgate.driver.gatt.sim.BleProfile;
import io.wardgate.sim.ble.SimulatedBleDevice;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver against a fake BlueZ on a real dbus-daemon: discovery, admission, connection, decoding. */
class BleGatewayTest {
    static final SimulatedBleDevice STRAP =
            new SimulatedBleDevice("C0:FF:EE:00:00:01", "HR strap", BleProfile.HEART_RATE_STRAP, true, -60);
    static final SimulatedBleDevice STRANGER =
            new SimulatedBleDevice("C0:FF:EE:00:00:02", "Unknown\u0007oxi", BleProfile.PULSE_OXIMETER, false, -71);
    static final SimulatedBleDevice BANNED =
            new SimulatedBleDevice("C0:FF:EE:00:00:03", "Banned cuff", BleProfile.BLOOD_PRESSURE_CUFF, true, -50);

    @TempDir
    Path dir;
    BleFixture ble;

    @BeforeEach
    void start() throws Exception {
        ble = new BleFixture(dir);
    }

    @AfterEach
    void stop() throws Exception {
        ble.close();
    }

    static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20));
    }

    @Test
    void powersTheAdapterAndDiscoversWithTheLeFilter() {
        ble.startGateway();
        eventually().until(() -> ble.bluez.powered() && ble.bluez.discovering());
        Map<String, Object> filter = ble.bluez.discoveryFilter();
        assertThat(filter).containsEntry("Transport", "le").containsEntry("RSSI", (short) -90);
        assertThat(uuids(filter.get("UUIDs"))).containsExactlyInAnyOrder(
                "0000180d-0000-1000-8000-00805f9b34fb", "00001809-0000-1000-8000-00805f9b34fb",
                "00001810-0000-1000-8000-00805f9b34fb", "00001822-0000-1000-8000-00805f9b34fb",
                "00001808-0000-1000-8000-00805f9b34fb", "0000181d-0000-1000-8000-00805f9b34fb");
    }

    @Test
    void connectsOnlyAllowedDevicesAndDecodesTheirNotifications() {
        ble.policy.set(STRAP.address(), Verdict.ALLOWED).set(BANNED.address(), Verdict.DENIED);
        ble.bluez.appear(STRAP);
        ble.bluez.appear(STRANGER);
        ble.bluez.appear(BANNED);
        ble.startGateway();

        eventually().until(() -> ble.bluez.notifying(STRAP.address()));
        // device-protocols.md:127 "`1E 55 32 00 21 00` -> 85 bpm, contact detected, 50 kJ, RR [33]"
        assertThat(ble.bluez.measure(STRAP.address(), hex("1E 55 32 00 21 00"))).isTrue();
        eventually().until(() -> !ble.intake.from(STRAP.address()).isEmpty());
        DeviceReadings batch = ble.intake.from(STRAP.address()).get(0);
        assertThat(batch.device().transport()).isEqualTo(Transport.BLE);
        assertThat(batch.device().id()).isEqualTo("ble:C0:FF:EE:00:00:01");
        assertThat(batch.location()).isEqualTo(BleFixture.LOCATION);
        assertThat(batch.readings()).extracting(r -> r.metric().referenceId())
                .containsExactly("MDC_ECG_HEART_RATE", "MDC_HF_ENERGY", "MDC_ECG_TIME_PD_RR_GL");
        assertThat(ble.intake.values(STRAP.address())).containsExactly("85", "50", "0.0322265625");
        assertThat(ble.intake.events(STRAP.address(), DeviceEvent.Kind.CONNECTED)).isEqualTo(1);

        // The others were reported to the policy with what was seen of them, and never connected.
        eventually().until(() -> ble.policy.sightingsOf(STRANGER.address()).size() >= 2);
        DeviceSighting stranger = ble.policy.sightingsOf(STRANGER.address()).get(0);
        assertThat(stranger.details()).containsEntry("addressType", "random").containsEntry("bonded", "false")
                .containsEntry("name", "Unknown?oxi").containsEntry("rssi", "-71")
                .containsEntry("uuids", "00001822-0000-1000-8000-00805f9b34fb");
        assertThat(stranger.location()).isEqualTo(BleFixture.LOCATION);
        assertThat(ble.policy.sightingsOf(BANNED.address())).isNotEmpty();
        assertThat(ble.policy.sightingsOf(STRAP.address()).get(0).details()).containsEntry("bonded", "true");
        assertThat(ble.bluez.calls("Connect", STRANGER.address())).isZero();
        assertThat(ble.bluez.calls("Connect", BANNED.address())).isZero();
        assertThat(ble.bluez.calls("Connect", STRAP.address())).isEqualTo(1);
        assertThat(ble.intake.from(STRANGER.address())).isEmpty();
    }

    @Test
    void everyProfileVectorArrivesDecoded() {
        // One allowed device per profile; each sends its spec vector (device-protocols.md lines 127-156).
        Map<BleProfile, String> vectors = Map.of(
                BleProfile.THERMOMETER, "06 B0 0E 00 FE DC 07 0C 05 0B 32 1B 04",
                BleProfile.BLOOD_PRESSURE_CUFF, "1E 8A 00 58 00 78 00 00 00 04 11 14 29 3B 3C 00 01 27 00",
                BleProfile.PULSE_OXIMETER, "1C 5F 00 5A 00 20 00 00 00 00 57 F0",
                BleProfile.WEIGHT_SCALE, "0C B0 36 05 F5 00 D6 06",
                BleProfile.GLUCOSE_METER, "1B 01 00 E3 07 02 1B 0B 0A 1E FB FF 1E 00 12 05 01");
        Map<BleProfile, List<String>> expected = Map.of(
                BleProfile.THERMOMETER, List.of("37.60"),
                BleProfile.BLOOD_PRESSURE_CUFF, List.of("138", "88", "120", "60"),
                BleProfile.PULSE_OXIMETER, List.of("95", "90", "8.7"),
                BleProfile.WEIGHT_SCALE, List.of("70.000", "24.5", "1.750"),
                // the spec's test value, 30 kg/L, in mg/dL (the unit the GATT driver reports glucose in)
                BleProfile.GLUCOSE_METER, List.of("3000000"));
        int n = 0x10;
        for (BleProfile profile : vectors.keySet()) {
            SimulatedBleDevice device = new SimulatedBleDevice("C0:FF:EE:00:01:" + Integer.toHexString(n++), profile.name(),
                    profile, true, -60);
            ble.policy.set(device.address(), Verdict.ALLOWED);
            ble.bluez.appear(device);
        }
        ble.startGateway();
        n = 0x10;
        for (BleProfile profile : vectors.keySet()) {
            String address = "C0:FF:EE:00:01:" + Integer.toHexString(n++).toUpperCase();
            eventually().until(() -> ble.bluez.notifying(address));
            assertThat(ble.bluez.measure(address, hex(vectors.get(profile)))).isTrue();
            eventually().until(() -> !ble.intake.from(address).isEmpty());
            assertThat(ble.intake.values(address)).as(profile.name()).isEqualTo(expected.get(profile));
        }
    }

    @Test
    void malformedValueIsAnEventNotAReading() {
        ble.policy.set(STRAP.address(), Verdict.ALLOWED);
        ble.bluez.appear(STRAP);
        ble.startGateway();
        eventually().until(() -> ble.bluez.notifying(STRAP.address()));
        ble.bluez.measure(STRAP.address(), hex("1E 55 32")); // energy expended cut short
        ble.bluez.measure(STRAP.address(), hex("00 55")); // device-protocols.md:126 "`00 55` -> 85 bpm"
        eventually().until(() -> !ble.intake.from(STRAP.address()).isEmpty());
        assertThat(ble.intake.values(STRAP.address())).containsExactly("85");
        DeviceEvent malformed = ble.intake.events.stream().filter(e -> e.kind() == DeviceEvent.Kind.MALFORMED_INPUT)
                .findFirst().orElseThrow();
        assertThat(malformed.detail()).isEqualTo(
                "2A37 Heart Rate Measurement: energyExpended: too short: needs bytes 2..3, the value has 3 bytes");
    }

    @Test
    void revokedDeviceIsLetGoAndItsValuesDropped() {
        ble.policy.set(STRAP.address(), Verdict.ALLOWED);
        ble.bluez.appear(STRAP);
        ble.startGateway();
        eventually().until(() -> ble.bluez.notifying(STRAP.address()));
        ble.policy.set(STRAP.address(), Verdict.DENIED);
        eventually().until(() -> ble.bluez.calls("Disconnect", STRAP.address()) == 1);
        assertThat(ble.bluez.connected(STRAP.address())).isFalse();
        assertThat(ble.bluez.measure(STRAP.address(), hex("00 55"))).isFalse();
        assertThat(ble.bluez.calls("Connect", STRAP.address())).isEqualTo(1);
        assertThat(ble.intake.from(STRAP.address())).isEmpty();
    }

    @Test
    void stoppingLetsGoOfConnectedDevices() {
        ble.policy.set(STRAP.address(), Verdict.ALLOWED);
        ble.bluez.appear(STRAP);
        BleGateway gateway = ble.startGateway();
        eventually().until(() -> ble.bluez.notifying(STRAP.address()));
        gateway.stop();
        assertThat(ble.bluez.calls("Disconnect", STRAP.address())).isEqualTo(1);
        assertThat(ble.bluez.connected(STRAP.address())).isFalse();
    }

    static List<String> uuids(Object value) {
        return value instanceof String[] array ? List.of(array) : ((List<?>) value).stream().map(String::valueOf).toList();
    }
}
