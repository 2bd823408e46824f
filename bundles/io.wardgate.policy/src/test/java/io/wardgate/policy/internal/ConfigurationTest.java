package io.wardgate.policy.internal;

import static io.wardgate.policy.internal.Fixture.MONITOR;
import static io.wardgate.policy.internal.Fixture.sighting;
import static io.wardgate.policy.internal.Fixture.spo2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.wardgate.api.pipeline.AuditEvent.Outcome;
import io.wardgate.api.pipeline.Verdict;
import io.wardgate.policy.api.AllowlistException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * S10, S16: the allowlist document is validated as a whole. A bad document is refused with an error
 * naming each bad item, audited, and the previous allowlist stays in force; nothing is half-applied.
 */
class ConfigurationTest {
    @TempDir
    Path dir;
    Fixture f;

    @BeforeEach
    void start() throws IOException {
        f = new Fixture(dir);
    }

    @AfterEach
    void stop() throws IOException {
        f.close();
    }

    private void assertPreviousAllowlistInForce(String before) {
        assertThat(f.engine.exportJson()).isEqualTo(before);
        assertThat(f.engine.admit(sighting(MONITOR, Map.of())).verdict()).isEqualTo(Verdict.ALLOWED);
        long sealed = f.sealer.readingsOf(MONITOR);
        f.engine.submit(spo2(MONITOR, 97));
        await().atMost(Duration.ofSeconds(10)).until(() -> f.sealer.readingsOf(MONITOR) == sealed + 1);
    }

    @Test
    void exportThenImportGivesTheSameAllowlist() throws Exception {
        String exported = f.engine.exportJson();
        f.engine.importJson(exported, "user:alice");
        assertThat(f.engine.exportJson()).isEqualTo(exported);
        assertThat(f.engine.current().entries()).hasSize(2);
        assertThat(f.store.saved()).isEqualTo(exported);
        assertThat(f.audited("ALLOWLIST_IMPORTED")).singleElement().satisfies(r -> {
            assertThat(r.actor()).isEqualTo("user:alice");
            assertThat(r.event().detail()).isEqualTo("2 groups, 2 devices, 0 denied");
        });
    }

    @Test
    void aBadEntryIsNamedAndNothingIsHalfApplied() throws Exception {
        String before = f.engine.exportJson();
        String bad = """
                {"format": "wardgate-allowlist/1",
                 "groups": [{"name": "icu", "metrics": [150456], "maxReadingsPerSecond": 5,
                             "topicSuffix": "vitals", "backendKeyId": "k1"}],
                 "devices": [
                   {"group": "icu", "transport": "serial", "address": "/dev/ttyUSB0", "model": "A", "serialNumber": "1"},
                   {"group": "nope", "transport": "serial", "address": "/dev/ttyUSB3", "model": "B", "serialNumber": "2"}
                 ]}
                """;
        assertThatThrownBy(() -> f.engine.importJson(bad, "user:alice")).isInstanceOf(AllowlistException.class)
                .satisfies(e -> assertThat(((AllowlistException) e).problems())
                        .containsExactly("devices[1] (serial:/dev/ttyUSB3): group 'nope' is not defined"));

        assertPreviousAllowlistInForce(before);
        assertThat(f.store.saved()).isEmpty();
        assertThat(f.audited("ALLOWLIST_REJECTED")).singleElement().satisfies(r -> {
            assertThat(r.event().outcome()).isEqualTo(Outcome.FAILURE);
            assertThat(r.actor()).isEqualTo("user:alice");
            assertThat(r.event().detail()).contains("group 'nope' is not defined");
        });
    }

    @Test
    void everyProblemOfADocumentIsReportedAtOnce() {
        String bad = """
                {"format": "wardgate-allowlist/1",
                 "groups": [
                   {"name": "icu", "metrics": [150456], "maxReadingsPerSecond": 0, "topicSuffix": "vitals",
                    "backendKeyId": "k1", "plausibility": [{"metric": 150456, "min": 100, "max": 50}]},
                   {"name": "bad name", "metrics": [], "maxReadingsPerSecond": 1, "topicSuffix": "a/b",
                    "backendKeyId": "k1", "colour": "red"}],
                 "devices": [
                   {"group": "icu", "transport": "usb", "address": "/dev/x"},
                   {"group": "icu", "transport": "serial", "address": ""},
                   {"group": "icu", "transport": "ble", "address": "AA:BB:CC:DD:EE:FF", "addressType": "odd"},
                   {"group": "icu", "transport": "serial", "address": "/dev/a", "priority": 3},
                   {"group": "icu", "transport": "serial", "address": "/dev/a"}]}
                """;
        assertThatThrownBy(() -> f.engine.importJson(bad, "user:alice")).isInstanceOf(AllowlistException.class)
                .satisfies(e -> assertThat(((AllowlistException) e).problems()).containsExactlyInAnyOrder(
                        "groups[0] (icu) plausibility[0]: min 100 is above max 50",
                        "groups[0] (icu): maxReadingsPerSecond must be above 0 and at most 100000",
                        "groups[1]: unknown field 'colour'",
                        "groups[1] (bad name): name must be 1 to 64 letters, digits, '.', '_' or '-'",
                        "devices[0]: 'transport' must be serial, ble, net or local",
                        "devices[1]: address must not be blank",
                        "devices[2] (ble:AA:BB:CC:DD:EE:FF): a BLE entry needs addressType 'public' or 'random'",
                        "devices[3]: unknown field 'priority'",
                        "devices[4] (serial:/dev/a): a second entry for the same address"));
    }

    @Test
    void malformedJsonIsRefusedWithoutHarm() {
        String before = f.engine.exportJson();
        for (String bad : new String[] {"", "{", "{\"format\": \"wardgate-allowlist/1\",}", "{'format': 1}",
                "{\"format\": \"wardgate-allowlist/1\", \"format\": \"x\"}", "{\"format\": null}",
                "[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]", "{} {}", "{\"format\": \"other/2\"}",
                "x".repeat(JsonTree.MAX_CHARS + 1)}) {
            assertThatThrownBy(() -> f.engine.importJson(bad, "user:alice")).as(bad.length() > 60 ? "huge" : bad)
                    .isInstanceOf(AllowlistException.class);
        }
        assertPreviousAllowlistInForce(before);
        assertThat(f.audited("ALLOWLIST_REJECTED")).hasSize(10);
    }

    @Test
    void aBadDocumentFromConfigAdminKeepsThePreviousAllowlist() {
        String before = f.engine.exportJson();
        f.engine.configure(PolicySettings.DEFAULTS, "{\"format\": \"wardgate-allowlist/1\", \"devices\": [{}]}");

        assertPreviousAllowlistInForce(before);
        assertThat(f.engine.status().lastConfigError()).contains("devices[0]: 'transport' is missing");
        assertThat(f.audited("ALLOWLIST_REJECTED")).singleElement()
                .satisfies(r -> assertThat(r.actor()).isEqualTo("configadmin"));
    }

    @Test
    void aGoodDocumentFromConfigAdminAppliesAndOurOwnWritesAreNotAppliedTwice() throws Exception {
        f.engine.submit(spo2(AdmissionEndToEndTest.UNKNOWN_PORT, 90));
        f.engine.approve(AdmissionEndToEndTest.UNKNOWN_PORT.id(), "icu-monitors", "user:alice");
        String saved = f.store.saved();
        f.engine.configure(PolicySettings.DEFAULTS, saved); // the configuration event of our own write
        assertThat(f.audited("ALLOWLIST_CHANGED")).isEmpty();

        f.engine.configure(PolicySettings.DEFAULTS, Fixture.ALLOWLIST); // edited elsewhere (Kura's UI)
        assertThat(f.audited("ALLOWLIST_CHANGED")).singleElement()
                .satisfies(r -> assertThat(r.actor()).isEqualTo("configadmin"));
        assertThat(f.engine.current().entries()).hasSize(2);
    }

    @Test
    void aChangeThatCannotBeSavedChangesNothing() {
        f.engine.submit(spo2(AdmissionEndToEndTest.UNKNOWN_PORT, 90));
        String before = f.engine.exportJson();
        f.store.failing = true;

        assertThatThrownBy(() -> f.engine.approve(AdmissionEndToEndTest.UNKNOWN_PORT.id(), "icu-monitors",
                "user:alice")).isInstanceOf(AllowlistException.class).hasMessageContaining("could not be saved");
        assertThatThrownBy(() -> f.engine.revoke(MONITOR.id(), "x", "user:alice"))
                .isInstanceOf(AllowlistException.class);

        assertPreviousAllowlistInForce(before);
        assertThat(f.engine.pending()).hasSize(1);
        assertThat(f.audited("DEVICE_APPROVED")).isEmpty();
    }
}
