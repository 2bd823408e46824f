package io.wardgate.policy.internal;

import static io.wardgate.policy.internal.Fixture.MONITOR;
import static io.wardgate.policy.internal.Fixture.OXIMETER;
import static io.wardgate.policy.internal.Fixture.PULSE_OX_SERVICE;
import static io.wardgate.policy.internal.Fixture.ble;
import static io.wardgate.policy.internal.Fixture.sighting;
import static io.wardgate.policy.internal.Fixture.spo2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.wardgate.api.Decimal;
import io.wardgate.api.DeviceEvent;
import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.DeviceReadings;
import io.wardgate.api.Observation;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.Transport;
import io.wardgate.api.VitalSign;
import io.wardgate.api.pipeline.Admission;
import io.wardgate.api.pipeline.AuditEvent.Outcome;
import io.wardgate.api.pipeline.Route;
import io.wardgate.api.pipeline.Verdict;
import io.wardgate.audit.api.AuditRecord;
import io.wardgate.policy.api.AllowlistException;
import io.wardgate.policy.api.PendingDevice;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * S6, S16: allowed, unknown, rejected, revoked and identity-changed devices, end to end through
 * the real policy and the real audit trail, fed the way the serial and BLE sources feed it.
 */
class AdmissionEndToEndTest {
    static final DeviceIdentity UNKNOWN_PORT = new DeviceIdentity(Transport.SERIAL, "/dev/wardgate/bed-14", "MX450",
            "DE99999999", "");
    static final Route ICU_ROUTE = new Route("icu-monitors", "vitals", "backend-2026", 7);

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

    private void awaitSealed(DeviceIdentity device, long readings) {
        await().atMost(Duration.ofSeconds(10)).until(() -> f.sealer.readingsOf(device) >= readings);
    }

    @Test
    void anAllowedSerialDeviceIsForwardedWithItsGroupsRoute() {
        Admission admission = f.engine.admit(sighting(MONITOR, Map.of()));
        assertThat(admission.verdict()).isEqualTo(Verdict.ALLOWED);
        assertThat(admission.route()).isEqualTo(ICU_ROUTE);

        DeviceReadings readings = spo2(MONITOR, 97, 98, 96);
        f.engine.submit(readings);

        awaitSealed(MONITOR, 3);
        assertThat(f.sealer.of(MONITOR)).singleElement().satisfies(a -> {
            assertThat(a.route()).isEqualTo(ICU_ROUTE);
            assertThat(a.readings()).isEqualTo(readings);
        });
        assertThat(f.audited("DEVICE_ALLOWED")).singleElement()
                .satisfies(r -> assertThat(r.event().target()).isEqualTo(MONITOR.id()));
    }

    @Test
    void anUnknownSerialDeviceIsHeldPendingItsDataDroppedAndAudited() {
        f.engine.submit(spo2(UNKNOWN_PORT, 97));
        assertThat(f.engine.admit(sighting(UNKNOWN_PORT, Map.of())).verdict()).isEqualTo(Verdict.PENDING);
        f.engine.submit(spo2(MONITOR, 95)); // a sentinel from an allowed device
        awaitSealed(MONITOR, 1);

        assertThat(f.sealer.of(UNKNOWN_PORT)).isEmpty();
        assertThat(f.engine.pending()).singleElement().satisfies(p -> {
            assertThat(p.sighting().identity()).isEqualTo(UNKNOWN_PORT);
            assertThat(p.sighting().location()).isEqualTo(Fixture.BED_12);
            assertThat(p.seen()).isEqualTo(2);
        });
        AuditRecord denied = f.audited("DEVICE_NOT_ALLOWED").get(0);
        assertThat(denied.actor()).isEqualTo("device:" + UNKNOWN_PORT.id());
        assertThat(denied.event().outcome()).isEqualTo(Outcome.DENIED);
        assertThat(denied.gatewayId()).isEqualTo("wg-test-1");
        assertThat(f.audited("DEVICE_PENDING")).hasSize(1);
        assertThat(f.engine.status().readingsRefused()).isEqualTo(1);
    }

    @Test
    void approvalTakesEffectAtOnceIsPersistedAndDataFromBeforeIsNeverForwarded() throws Exception {
        f.engine.submit(spo2(UNKNOWN_PORT, 91, 92));

        f.engine.approve(UNKNOWN_PORT.id(), "icu-monitors", "user:alice");
        f.engine.submit(spo2(UNKNOWN_PORT, 93));

        awaitSealed(UNKNOWN_PORT, 1);
        assertThat(f.sealer.of(UNKNOWN_PORT)).singleElement()
                .satisfies(a -> assertThat(a.readings().readings()).hasSize(1));
        assertThat(f.engine.pending()).isEmpty();
        assertThat(f.store.saved()).contains("\"address\": \"/dev/wardgate/bed-14\"")
                .contains("\"approvedBy\": \"user:alice\"");
        AuditRecord approved = f.audited("DEVICE_APPROVED").get(0);
        assertThat(approved.actor()).isEqualTo("user:alice");
        assertThat(approved.event().detail()).contains("group icu-monitors").contains("serial 'DE99999999'");
    }

    @Test
    void aRejectedDeviceIsDeniedFromThenOn() throws Exception {
        f.engine.submit(spo2(UNKNOWN_PORT, 91));
        f.engine.reject(UNKNOWN_PORT.id(), "not ours", "user:bob");

        assertThat(f.engine.admit(sighting(UNKNOWN_PORT, Map.of())).verdict()).isEqualTo(Verdict.DENIED);
        f.engine.submit(spo2(UNKNOWN_PORT, 92));
        assertThat(f.engine.pending()).isEmpty();
        assertThat(f.engine.current().denied()).singleElement()
                .satisfies(d -> assertThat(d.by()).isEqualTo("user:bob"));
        assertThat(f.audited("DEVICE_REJECTED")).singleElement()
                .satisfies(r -> assertThat(r.actor()).isEqualTo("user:bob"));
        assertThat(f.audited("DEVICE_DENIED")).isNotEmpty();
        assertThat(f.sealer.of(UNKNOWN_PORT)).isEmpty();
    }

    @Test
    void revocationStopsDataAtOnceIncludingDataAlreadyQueued() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        f.sealer.gate = gate;
        // An idle hand-off seals on the submitting thread: batch 1 from a reader thread of its own, which
        // the gated sealer holds; the next four queue behind it.
        Thread reader = new Thread(() -> f.engine.submit(spo2(MONITOR, 90)), "reader-bed-12");
        reader.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> f.sealer.sealed.size() == 1); // sealer busy with batch 1
        for (int i = 1; i < 5; i++) {
            f.engine.submit(spo2(MONITOR, 90 + i));
        }

        f.engine.revoke(MONITOR.id(), "sent to repair", "user:carol");
        gate.countDown();
        reader.join(10_000);
        f.engine.submit(spo2(MONITOR, 99));
        f.engine.submit(spo2(Fixture.OXIMETER, 97)); // not admitted either: no bonded sighting yet

        assertThat(f.engine.admit(sighting(MONITOR, Map.of())).verdict()).isEqualTo(Verdict.DENIED);
        assertThat(f.sealer.of(MONITOR)).hasSize(1); // only the batch the sealer had before the revocation
        assertThat(f.audited("DEVICE_REVOKED")).singleElement().satisfies(r -> {
            assertThat(r.actor()).isEqualTo("user:carol");
            assertThat(r.event().detail()).contains("sent to repair");
        });
        assertThat(f.store.saved()).doesNotContain("\"group\": \"icu-monitors\"");
    }

    @Test
    void anotherDeviceOnAConfiguredPortIsTreatedAsUnknownAndAuditedAsAPossibleSwap() throws Exception {
        DeviceIdentity swapped = MONITOR.withReported("MX450", "FAKE0001");
        f.engine.submit(spo2(swapped, 97));
        f.engine.submit(spo2(MONITOR, 96));
        awaitSealed(MONITOR, 1);

        assertThat(f.sealer.of(swapped)).isEmpty();
        assertThat(f.engine.pending()).singleElement().extracting(PendingDevice::reason).asString()
                .startsWith("identity changed: approved model 'MX450' serial 'DE12345678', reported model 'MX450' "
                        + "serial 'FAKE0001'");
        assertThat(f.audited("DEVICE_IDENTITY_CHANGED")).singleElement()
                .satisfies(r -> assertThat(r.event().detail()).startsWith("possible device swap"));

        f.engine.approve(MONITOR.id(), "icu-monitors", "user:alice"); // the swap was intended
        f.engine.submit(spo2(MONITOR, 96));
        f.engine.submit(spo2(swapped, 95));
        awaitSealed(swapped, 1);
        assertThat(f.sealer.readingsOf(MONITOR)).isEqualTo(1);
        assertThat(f.audited("DEVICE_APPROVED").get(0).event().detail()).contains("replaces model 'MX450' serial "
                + "'DE12345678'");
    }

    @Test
    void aBleDeviceIsAllowedOnlyBondedWithItsAddressTypeAndServices() {
        assertThat(f.engine.admit(sighting(OXIMETER, ble("public", false, PULSE_OX_SERVICE))).verdict())
                .isEqualTo(Verdict.PENDING);
        f.engine.submit(spo2(OXIMETER, 97));
        assertThat(f.audited("DEVICE_NOT_ALLOWED")).singleElement()
                .satisfies(r -> assertThat(r.event().detail()).contains("not bonded"));
        assertThat(f.engine.pending()).singleElement()
                .satisfies(p -> assertThat(p.sighting().details()).containsEntry("bonded", "false"));

        assertThat(f.engine.admit(sighting(OXIMETER, ble("random", true, PULSE_OX_SERVICE))).verdict())
                .isEqualTo(Verdict.PENDING);
        assertThat(f.audited("DEVICE_IDENTITY_CHANGED")).singleElement()
                .satisfies(r -> assertThat(r.event().detail()).contains("address type 'random'"));
        f.engine.submit(spo2(OXIMETER, 97));

        Admission bonded = f.engine.admit(sighting(OXIMETER, ble("public", true, "1800, " + PULSE_OX_SERVICE)));
        assertThat(bonded.verdict()).isEqualTo(Verdict.ALLOWED);
        assertThat(bonded.route().topicSuffix()).isEqualTo("spot-checks");
        f.engine.submit(spo2(OXIMETER, 98));
        awaitSealed(OXIMETER, 1);
        assertThat(f.sealer.readingsOf(OXIMETER)).isEqualTo(1);
    }

    @Test
    void anUnknownBleAddressIsPendingWithWhatWasSeenAndCanBeApprovedAsSeen() throws Exception {
        DeviceIdentity stranger = DeviceIdentity.at(Transport.BLE, "11:22:33:44:55:66");
        assertThat(f.engine.admit(sighting(stranger, ble("random", true, PULSE_OX_SERVICE))).verdict())
                .isEqualTo(Verdict.PENDING);
        assertThat(f.engine.pending()).singleElement().satisfies(p -> assertThat(p.sighting().details())
                .containsEntry("uuids", PULSE_OX_SERVICE).containsEntry("name", "Oxi-1"));

        var entry = f.engine.approve(stranger.id(), "ward-ble", "user:alice");

        assertThat(entry.addressType()).isEqualTo("random");
        assertThat(entry.services()).containsExactly(PULSE_OX_SERVICE);
        assertThat(f.engine.admit(sighting(stranger, ble("random", true, PULSE_OX_SERVICE))).verdict())
                .isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void implausibleValuesAreFlaggedNeverChangedAndDisallowedMetricsDropped() {
        Observation etco2 = Observation.of(VitalSign.ETCO2, Decimal.ofInteger(38), Set.of(), Instant.now());
        Observation high = Observation.of(VitalSign.SPO2, Decimal.of(1305, -1), Set.of(StatusFlag.IN_ALARM),
                Instant.now());
        Observation normal = Observation.of(VitalSign.SPO2, Decimal.ofInteger(97), Set.of(), Instant.now());
        f.engine.submit(new DeviceReadings(MONITOR, Fixture.BED_12, List.of(etco2, high, normal)));

        awaitSealed(MONITOR, 2);
        List<io.wardgate.api.Reading> sealed = f.sealer.of(MONITOR).get(0).readings().readings();
        assertThat(sealed).containsExactly(high.withStatus(Set.of(StatusFlag.IN_ALARM, StatusFlag.IMPLAUSIBLE)),
                normal);
        assertThat(((Observation) sealed.get(0)).value()).isEqualTo(Decimal.of(1305, -1));
        assertThat(f.audited("METRIC_NOT_ALLOWED")).singleElement()
                .satisfies(r -> assertThat(r.event().detail()).startsWith("1 readings of metrics"));
    }

    @Test
    void approvalOfAnythingButAPendingDeviceIntoAnExistingGroupIsRefused() {
        f.engine.submit(spo2(UNKNOWN_PORT, 91));
        assertThatThrownBy(() -> f.engine.approve("serial:/dev/none", "icu-monitors", "user:alice"))
                .isInstanceOf(AllowlistException.class).hasMessage("no pending device 'serial:/dev/none'");
        assertThatThrownBy(() -> f.engine.approve(UNKNOWN_PORT.id(), "no-such-group", "user:alice"))
                .isInstanceOf(AllowlistException.class).hasMessage("no device group 'no-such-group'");
        assertThatThrownBy(() -> f.engine.approve(UNKNOWN_PORT.id(), "icu-monitors", ""))
                .isInstanceOf(AllowlistException.class).hasMessageContaining("actor");
        assertThatThrownBy(() -> f.engine.revoke(UNKNOWN_PORT.id(), "x", "user:alice"))
                .isInstanceOf(AllowlistException.class).hasMessage("no approved device '" + UNKNOWN_PORT.id() + "'");
        assertThat(f.engine.pending()).hasSize(1);
    }

    @Test
    void deviceEventsOfASwappedOrUnknownDeviceAreAudited() {
        f.engine.report(new DeviceEvent(MONITOR.withReported("MX800", "X1"), DeviceEvent.Kind.IDENTIFIED,
                Instant.now(), "identified"));
        f.engine.report(new DeviceEvent(UNKNOWN_PORT, DeviceEvent.Kind.CONNECTED, Instant.now(), ""));
        f.engine.report(new DeviceEvent(MONITOR, DeviceEvent.Kind.MALFORMED_INPUT, Instant.now(), "bad checksum"));

        assertThat(f.audited("DEVICE_IDENTITY_CHANGED")).singleElement()
                .satisfies(r -> assertThat(r.event().detail()).contains("reported model 'MX800' serial 'X1'"));
        assertThat(f.audited("DEVICE_NOT_ALLOWED")).singleElement()
                .satisfies(r -> assertThat(r.event().detail()).endsWith("event CONNECTED"));
        assertThat(f.audited("DEVICE_MALFORMED_INPUT")).singleElement()
                .satisfies(r -> assertThat(r.event().detail()).isEqualTo("bad checksum"));
    }

    @Test
    void theWholeTrailOfDecisionsVerifies() throws Exception {
        f.engine.submit(spo2(UNKNOWN_PORT, 91));
        f.engine.approve(UNKNOWN_PORT.id(), "icu-monitors", "user:alice");
        f.engine.submit(spo2(UNKNOWN_PORT, 92));
        f.engine.revoke(UNKNOWN_PORT.id(), "done", "user:alice");
        assertThat(f.trail.verify().intact()).isTrue();
        assertThat(f.trail.status().lastSequence()).isGreaterThanOrEqualTo(5);
    }
}
