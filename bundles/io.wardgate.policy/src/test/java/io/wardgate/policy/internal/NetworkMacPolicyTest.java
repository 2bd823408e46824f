package io.wardgate.policy.internal;

import static io.wardgate.policy.internal.Fixture.sighting;
import static io.wardgate.policy.internal.Fixture.spo2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.Transport;
import io.wardgate.policy.api.AllowlistEntry;
import io.wardgate.policy.api.AllowlistException;
import io.wardgate.policy.api.PendingDevice;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Network entries name the MAC address the device-side interface saw at approval (io.wardgate.network
 * reports it as the sighting's "mac" detail). The same address and identity behind another MAC is held
 * and audited as a possible swap; a sighting without a MAC (neighbour entry aged out) keeps the last one.
 */
class NetworkMacPolicyTest {
    static final DeviceIdentity MONITOR = NetworkDevicePolicyTest.MONITOR;
    static final String MAC = "02:00:5e:10:00:17";
    static final String OTHER_MAC = "02:00:5e:10:06:66";

    @TempDir
    Path dir;
    Fixture f;

    @BeforeEach
    void start() throws Exception {
        f = new Fixture(dir);
        assertThat(f.engine.admit(sighting(MONITOR, Map.of("address", MONITOR.address(), "mac", MAC))).isAllowed())
                .isFalse();
        AllowlistEntry entry = f.engine.approve(MONITOR.id(), "icu-monitors", "user:alice");
        assertThat(entry.mac()).as("approval takes the MAC seen").isEqualTo(MAC);
    }

    @AfterEach
    void stop() throws IOException {
        f.close();
    }

    @Test
    void theApprovedMacIsAllowedAndExported() {
        assertThat(f.engine.admit(sighting(MONITOR, Map.of("mac", MAC))).isAllowed()).isTrue();
        f.engine.submit(spo2(MONITOR, 96));
        await().atMost(Duration.ofSeconds(5)).until(() -> f.sealer.readingsOf(MONITOR) == 1);
        assertThat(f.engine.exportJson()).contains("\"mac\": \"" + MAC + "\"");
        assertThat(f.audited("DEVICE_APPROVED")).singleElement().satisfies(r -> assertThat(r.event().detail())
                .contains("MAC " + MAC));
    }

    @Test
    void anotherMacAtTheApprovedAddressIsHeldAsAPossibleSwap() throws Exception {
        assertThat(f.engine.admit(sighting(MONITOR, Map.of("mac", OTHER_MAC))).isAllowed()).isFalse();
        f.engine.submit(spo2(MONITOR, 95));

        assertThat(f.sealer.of(MONITOR)).as("readings after the MAC changed are dropped").isEmpty();
        assertThat(f.audited("DEVICE_IDENTITY_CHANGED")).isNotEmpty().allSatisfy(r -> assertThat(r.event().detail())
                .startsWith("possible device swap: MAC " + OTHER_MAC + " at 198.51.100.17 where " + MAC
                        + " was approved"));
        assertThat(f.engine.pending()).singleElement().satisfies(p -> {
            assertThat(p.reason()).startsWith("identity changed: MAC " + OTHER_MAC);
            assertThat(p.sighting().details()).containsEntry("mac", OTHER_MAC);
        });

        AllowlistEntry replaced = f.engine.approve(MONITOR.id(), "icu-monitors", "user:bob");
        assertThat(replaced.mac()).isEqualTo(OTHER_MAC);
        f.engine.submit(spo2(MONITOR, 94));
        await().atMost(Duration.ofSeconds(5)).until(() -> f.sealer.readingsOf(MONITOR) == 1);
    }

    @Test
    void aSightingWithoutMacKeepsTheLastMacSeen() {
        assertThat(f.engine.admit(sighting(MONITOR, Map.of("mac", OTHER_MAC))).isAllowed()).isFalse();
        assertThat(f.engine.admit(sighting(MONITOR, Map.of("address", MONITOR.address()))).isAllowed())
                .as("no MAC this time does not erase the other MAC seen").isFalse();
        assertThat(f.engine.admit(sighting(MONITOR, Map.of("mac", MAC))).isAllowed()).isTrue();
    }

    @Test
    void macsAreValidatedOnImportAndOnlyForNetworkEntries() {
        String json = f.engine.exportJson();
        assertThatThrownBy(() -> f.engine.importJson(json.replace(MAC, "02-00-5e-10-00-17"), "user:alice"))
                .isInstanceOf(AllowlistException.class).hasMessageContaining("not a lower-case colon-separated MAC");
        assertThatThrownBy(() -> new AllowlistEntry(DeviceIdentity.at(Transport.SERIAL, "/dev/ttyS0"), "g", "",
                Set.of(), MAC, "user:alice", Instant.EPOCH)).hasMessageContaining("network entries only");
    }

    @Test
    void anEntryWithoutMacIsNotCheckedByMac() throws Exception {
        f.engine.importJson(f.engine.exportJson().replace(",\n      \"mac\": \"" + MAC + "\"", ""), "user:alice");
        assertThat(f.engine.current().entries()).filteredOn(e -> e.deviceId().equals(MONITOR.id()))
                .singleElement().extracting(AllowlistEntry::mac).isEqualTo("");
        assertThat(f.engine.admit(sighting(MONITOR, Map.of("mac", OTHER_MAC))).isAllowed()).isTrue();
        assertThat(f.engine.pending()).extracting(PendingDevice::deviceId).doesNotContain(MONITOR.id());
    }
}
