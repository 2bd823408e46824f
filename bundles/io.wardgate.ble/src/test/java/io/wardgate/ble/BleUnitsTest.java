package io.wardgate.ble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wardgate.api.DeviceSighting;
import java.lang.annotation.Annotation;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The driver's parts as plain objects: settings, sightings, back-off, configuration mapping. */
class BleUnitsTest {
    private static final Instant NOW = Instant.parse("2026-11-29T08:00:00Z");

    @Test
    void settingsRefuseWhatCannotWork() {
        BleSettings good = BleFixture.settings("");
        assertThat(good.adapterPath()).isEqualTo("/org/bluez/hci0");
        assertThatThrownBy(() -> new BleSettings("tcp:host=10.0.0.1,port=1", "hci0", BleFixture.LOCATION,
                List.of("180D"), null, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
                Duration.ofSeconds(1), ZoneOffset.UTC)).hasMessageContaining("unix:");
        assertThatThrownBy(() -> new BleSettings("", "../hci0", BleFixture.LOCATION, List.of("180D"), null,
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(1),
                ZoneOffset.UTC)).hasMessageContaining("adapter");
        assertThatThrownBy(() -> new BleSettings("", "hci0", BleFixture.LOCATION, List.of("12g4"), null,
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(1),
                ZoneOffset.UTC)).hasMessageContaining("16-bit UUIDs");
        assertThatThrownBy(() -> new BleSettings("", "hci0", BleFixture.LOCATION, List.of("180D"), null,
                Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(1),
                ZoneOffset.UTC)).hasMessageContaining("reconnectMax");
    }

    @Test
    void sightingIsBoundedAndPrintable() {
        Map<String, Object> device = Map.of(
                "Address", "c0:ff:ee:00:00:09", "AddressType", "public", "Paired", true,
                "Name", "Thermo\u0000meter" + "x".repeat(100), "RSSI", (short) -77,
                "UUIDs", List.of("00001809-0000-1000-8000-00805F9B34FB", "0000180a-0000-1000-8000-00805f9b34fb"));
        String address = Sightings.address(device).orElseThrow();
        assertThat(address).isEqualTo("C0:FF:EE:00:00:09");
        DeviceSighting sighting = Sightings.sighting(address, device, BleFixture.LOCATION, NOW);
        assertThat(sighting.identity().id()).isEqualTo("ble:C0:FF:EE:00:00:09");
        assertThat(sighting.details()).containsEntry("addressType", "public").containsEntry("bonded", "true")
                .containsEntry("rssi", "-77")
                .containsEntry("uuids", "00001809-0000-1000-8000-00805f9b34fb,0000180a-0000-1000-8000-00805f9b34fb");
        assertThat(sighting.details().get("name")).hasSize(64).startsWith("Thermo?meter");
        assertThat(Sightings.address(Map.of("Address", "C0:FF:EE:00:00"))).isEmpty();
        assertThat(Sightings.address(Map.of())).isEmpty();
    }

    @Test
    void bondedWinsOverPairedWhenBluezKnowsIt() {
        Map<String, Object> device = Map.of("Address", "C0:FF:EE:00:00:09", "Paired", true, "Bonded", false);
        assertThat(Sightings.sighting("C0:FF:EE:00:00:09", device, BleFixture.LOCATION, NOW).details())
                .containsEntry("bonded", "false").containsEntry("addressType", "unknown").doesNotContainKey("rssi");
    }

    @Test
    void reconnectBackOffDoublesUpToTheLongest() {
        DeviceState device = new DeviceState("/p", Sightings.identity("C0:FF:EE:00:00:09"));
        Duration min = Duration.ofSeconds(2);
        Duration max = Duration.ofSeconds(60);
        long[] expected = {2, 4, 8, 16, 32, 60, 60};
        for (long seconds : expected) {
            device.failed(NOW, min, max);
            assertThat(device.nextConnect).isEqualTo(NOW.plusSeconds(seconds));
        }
        device.retrySoon(NOW, min);
        assertThat(device.nextConnect).isEqualTo(NOW.plusSeconds(2));
        device.succeeded();
        device.failed(NOW, min, max);
        assertThat(device.nextConnect).isEqualTo(NOW.plusSeconds(2));
    }

    @Test
    void onlyNotifyingCharacteristicsAnInstalledDriverDecodesAreWanted() {
        Notifications notifications = new Notifications(BleFixture.settings(""), GattDriverCatalog.of(BleFixture.GATT),
                null, null);
        assertThat(notifications.wanted(Map.of("UUID", "00002a37-0000-1000-8000-00805f9b34fb",
                "Flags", List.of("notify")))).isTrue();
        assertThat(notifications.wanted(Map.of("UUID", "00002a35-0000-1000-8000-00805f9b34fb",
                "Flags", List.of("indicate")))).isTrue();
        assertThat(notifications.wanted(Map.of("UUID", "00002a37-0000-1000-8000-00805f9b34fb",
                "Flags", List.of("read")))).isFalse();
        assertThat(notifications.wanted(Map.of("UUID", "00002a19-0000-1000-8000-00805f9b34fb"))).isFalse();
        Notifications withoutDrivers = new Notifications(BleFixture.settings(""), GattDriverCatalog.of(), null, null);
        assertThat(withoutDrivers.wanted(Map.of("UUID", "00002a37-0000-1000-8000-00805f9b34fb",
                "Flags", List.of("notify")))).isFalse();
    }

    @Test
    void configurationMapsToSettings() {
        BleSettings settings = BluetoothComponent.settings(new Config());
        assertThat(settings.busAddress()).isEmpty();
        assertThat(settings.adapter()).isEqualTo("hci1");
        assertThat(settings.rssiThreshold()).isNull();
        assertThat(settings.services()).containsExactly("180D", "1822");
        assertThat(settings.reconnectMax()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.deviceZone()).isEqualTo(java.time.ZoneId.of("Europe/Berlin"));
        assertThat(settings.location().toString()).isEqualTo("st-mary/icu-3/ble");
    }

    /** A configuration as ConfigAdmin would hand it over. */
    private static final class Config implements BluetoothConfig {
        @Override
        public Class<? extends Annotation> annotationType() {
            return BluetoothConfig.class;
        }

        @Override
        public String busAddress() {
            return " ";
        }

        @Override
        public String adapter() {
            return "hci1";
        }

        @Override
        public String site() {
            return "st-mary";
        }

        @Override
        public String ward() {
            return "icu-3";
        }

        @Override
        public String bed() {
            return "ble";
        }

        @Override
        public String[] services() {
            return new String[] {"180D", "1822"};
        }

        @Override
        public int rssiThreshold() {
            return -127;
        }

        @Override
        public int reconnectMinSeconds() {
            return 2;
        }

        @Override
        public int reconnectMaxSeconds() {
            return 60;
        }

        @Override
        public int admissionRecheckSeconds() {
            return 30;
        }

        @Override
        public String deviceTimeZone() {
            return "Europe/Berlin";
        }
    }

    /** What AdvertisementFuzzTest found, pinned: hostile values are dropped, never turned into valid-looking ones. */
    @Test
    void hostileAdvertisementsAreDroppedNotMangledIntoValidOnes() {
        List<Object> uuids = new java.util.ArrayList<>(List.of("180d,1822", "0000180D-0000-1000-8000-00805F9B34FB",
                "0000180d-0000-1000-8000-00805f9b34fb", "z".repeat(36), 42));
        for (int i = 0; i < 8; i++) {
            uuids.add("0000181" + i + "-0000-1000-8000-00805f9b34fb");
        }
        Map<String, Object> device = Map.of("Address", "C0:FF:EE:00:00:09", "UUIDs", uuids,
                "RSSI", 4_294_967_219L, "Name", "\u0000" + "x".repeat(10_000));
        DeviceSighting sighting = Sightings.sighting("C0:FF:EE:00:00:09", device, BleFixture.LOCATION, NOW);
        assertThat(sighting.details().get("uuids").split(",")).containsExactly("0000180d-0000-1000-8000-00805f9b34fb",
                "00001810-0000-1000-8000-00805f9b34fb", "00001811-0000-1000-8000-00805f9b34fb",
                "00001812-0000-1000-8000-00805f9b34fb", "00001813-0000-1000-8000-00805f9b34fb",
                "00001814-0000-1000-8000-00805f9b34fb");
        assertThat(sighting.details()).doesNotContainKey("rssi"); // 2^32 - 77 is not -77 dBm
        assertThat(sighting.details().get("name")).hasSize(64).startsWith("?x");
        assertThat(Sightings.address(Map.of("Address", " c0:ff:ee:00:00:09"))).isEmpty();
        assertThat(Sightings.address(Map.of("Address", "c0:ff:ee:00:00:09".repeat(1000)))).isEmpty();
    }
}
