package io.wardgate.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeviceIdentityTest {
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    @Test
    void idNamesTheAttachmentPoint() {
        DeviceIdentity monitor = DeviceIdentity.at(Transport.SERIAL, "/dev/wardgate/bed-12")
                .withReported("MX450", "DE12345678");
        assertThat(monitor.id()).isEqualTo("serial:/dev/wardgate/bed-12");
        assertThat(monitor.isIdentified()).isTrue();
        assertThat(DeviceIdentity.at(Transport.BLE, "AA:BB:CC:DD:EE:FF").isIdentified()).isFalse();
    }

    @Test
    void externalStringsAreBoundedAndPrintable() {
        assertThatThrownBy(() -> DeviceIdentity.at(Transport.SERIAL, "x".repeat(129))).hasMessageContaining("longer");
        assertThatThrownBy(() -> DeviceIdentity.at(Transport.SERIAL, "/dev/tty\n")).hasMessageContaining("printable");
        assertThatThrownBy(() -> DeviceIdentity.at(Transport.SERIAL, " ")).hasMessageContaining("blank");
        assertThatThrownBy(() -> DeviceIdentity.at(Transport.BLE, "AA").withEui64("0011"))
                .hasMessageContaining("16 upper-case hex");
        assertThat(DeviceIdentity.at(Transport.BLE, "AA").withEui64("0011223344556677").eui64())
                .isEqualTo("0011223344556677");
    }

    @Test
    void locationPartsAreTopicSafe() {
        assertThat(new Location("st-marys", "icu-2", "bed-12").toString()).isEqualTo("st-marys/icu-2/bed-12");
        assertThatThrownBy(() -> new Location("site", "ward/x", "bed")).hasMessageContaining("ward");
        assertThatThrownBy(() -> new Location("site", "#", "bed")).hasMessageContaining("ward");
        assertThatThrownBy(() -> new Location("site", "ward", "+")).hasMessageContaining("bed");
    }

    @Test
    void readingsAndSightingsAreBounded() {
        DeviceIdentity device = DeviceIdentity.at(Transport.LOCAL, "feed-1");
        Location location = new Location("s", "w", "b");
        assertThatThrownBy(() -> new DeviceReadings(device, location, List.of())).hasMessageContaining("1 to");
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i <= DeviceSighting.MAX_DETAILS; i++) {
            many.put("k" + i, "v");
        }
        assertThatThrownBy(() -> new DeviceSighting(device, location, many, NOW)).hasMessageContaining("details");
        DeviceSighting ok = new DeviceSighting(device, location, Map.of("rssi", "-60"), NOW);
        assertThat(ok.detail("rssi", "")).isEqualTo("-60");
        assertThat(ok.detail("name", "?")).isEqualTo("?");
        assertThatThrownBy(() -> new DeviceEvent(device, DeviceEvent.Kind.SILENT, NOW, "x".repeat(513)))
                .hasMessageContaining("detail");
    }
}
