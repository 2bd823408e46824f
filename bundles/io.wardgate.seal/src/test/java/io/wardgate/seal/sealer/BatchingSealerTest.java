package io.wardgate.seal.sealer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.api.Decimal;
import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.DeviceReadings;
import io.wardgate.api.Observation;
import io.wardgate.api.Reading;
import io.wardgate.api.Transport;
import io.wardgate.api.VitalSign;
import io.wardgate.api.pipeline.AdmittedReadings;
import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.api.pipeline.Route;
import io.wardgate.api.pipeline.SealedEnvelope;
import io.wardgate.seal.envelope.ContentAlgorithm;
import io.wardgate.seal.envelope.EnvelopeOpener;
import io.wardgate.seal.envelope.EnvelopeSealer;
import io.wardgate.seal.envelope.Es256Signer;
import io.wardgate.seal.envelope.OpenResult;
import io.wardgate.seal.envelope.Randomness;
import io.wardgate.seal.envelope.TestKeys;
import io.wardgate.seal.envelope.TestReadings;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatchingSealerTest {
    private static final Route ROUTE = new Route("icu-monitors", "vitals", "backend-test", 5);
    private static final DeviceIdentity BLE = DeviceIdentity.at(Transport.BLE, "AA:BB:CC:DD:EE:FF");
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
    private final EnvelopeOpener opener = new EnvelopeOpener(Map.of("backend-test", TestKeys.backend().getPrivate()),
            TestKeys.trusting(TestKeys.gateway().getPublic()));
    private final List<BatchingSealer> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(BatchingSealer::close);
    }

    private BatchingSealer sealer(int maxReadings, long maxMillis, int maxPending, Clock clock) {
        return sealer(maxReadings, maxMillis, maxPending, clock, true);
    }

    /** {@code adaptive} false: only the size and age bounds seal, so a test of them does not race the drain. */
    private BatchingSealer sealer(int maxReadings, long maxMillis, int maxPending, Clock clock, boolean adaptive) {
        SecureRandom random = new SecureRandom();
        BatchingSealer sealer = new BatchingSealer(new SealerSettings(maxReadings, maxMillis,
                ContentAlgorithm.CHACHA20_POLY1305, maxPending, adaptive), keys(), outbox,
                new EnvelopeSealer(Randomness.secure(random), Es256Signer.randomized(random)), 4, clock,
                () -> Optional.of(audit::add));
        started.add(sealer);
        return sealer;
    }

    static SealingKeys keys() {
        return TestSealingKeys.of("wg-test-0001");
    }

    private static AdmittedReadings admitted(DeviceIdentity device, Reading... readings) {
        return new AdmittedReadings(new DeviceReadings(device, TestReadings.BED_12, List.of(readings)), ROUTE);
    }

    private static Reading heartRate(int value) {
        return Observation.of(VitalSign.HEART_RATE, Decimal.ofInteger(value), Set.of(), TestReadings.T0);
    }

    private OpenResult.Opened open(SealedEnvelope envelope) {
        OpenResult result = opener.open(envelope.bytes());
        assertThat(result).isInstanceOf(OpenResult.Opened.class);
        return (OpenResult.Opened) result;
    }

    @Test
    void aBatchIsSealedAtNReadingsAndNumberedFromZero() throws Exception {
        // Fixed bounds: adaptive batching may seal the first reading alone when the sealer is idle.
        BatchingSealer sealer = sealer(3, 60_000, 1000, Clock.systemUTC(), false);
        for (int i = 0; i < 7; i++) {
            sealer.seal(admitted(TestReadings.MONITOR, heartRate(60 + i)));
        }
        sealer.flushNow();

        List<SealedEnvelope> envelopes = outbox.envelopes();
        assertThat(envelopes).extracting(e -> e.tags().sequence()).containsExactly(0L, 1L, 2L);
        assertThat(envelopes).extracting(e -> e.tags().readingCount()).containsExactly(3, 3, 1);
        assertThat(envelopes).extracting(e -> e.tags().epoch()).containsOnly(4L);
        List<Reading> all = new ArrayList<>();
        envelopes.forEach(e -> all.addAll(open(e).batch().readings()));
        assertThat(all).extracting(r -> ((Observation) r).value().mantissa())
                .containsExactly(60L, 61L, 62L, 63L, 64L, 65L, 66L);
        assertThat(open(envelopes.get(0)).tags().sequence()).isEqualTo(envelopes.get(0).tags().sequence());
        assertThat(envelopes.get(0).tags().topic())
                .isEqualTo("wardgate/st-marys/icu-2/wg-test-0001/vitals/serial_3A_2Fdev_2Fwardgate_2Fbed-12");
        assertThat(envelopes.get(0).tags().priority()).isEqualTo(5);
    }

    @Test
    void aBatchIsSealedWhenItsWindowEnds() {
        BatchingSealer sealer = sealer(1000, 50, 1000, Clock.systemUTC());
        sealer.seal(admitted(TestReadings.MONITOR, heartRate(70), heartRate(71)));
        await().atMost(Duration.ofSeconds(20)).until(() -> outbox.envelopes().size() == 1);
        assertThat(outbox.envelopes().get(0).tags().readingCount()).isEqualTo(2);
    }

    @Test
    void devicesHaveTheirOwnSequencesAndTopics() throws Exception {
        BatchingSealer sealer = sealer(1, 60_000, 1000, Clock.systemUTC());
        sealer.seal(admitted(TestReadings.MONITOR, heartRate(70)));
        sealer.seal(admitted(BLE, heartRate(71)));
        sealer.seal(admitted(BLE, heartRate(72)));
        sealer.flushNow();
        // Each device has its own store lane: the order within a device is kept, not across devices.
        assertThat(outbox.envelopes()).extracting(e -> e.tags().deviceId() + "#" + e.tags().sequence())
                .containsExactlyInAnyOrder("serial:/dev/wardgate/bed-12#0", "ble:AA:BB:CC:DD:EE:FF#0",
                        "ble:AA:BB:CC:DD:EE:FF#1")
                .filteredOn(id -> id.startsWith("ble:"))
                .containsExactly("ble:AA:BB:CC:DD:EE:FF#0", "ble:AA:BB:CC:DD:EE:FF#1");
        assertThat(outbox.envelopes()).filteredOn(e -> e.tags().deviceId().startsWith("ble:"))
                .allSatisfy(e -> assertThat(e.tags().topic()).endsWith("/vitals/ble_3AAA_3ABB_3ACC_3ADD_3AEE_3AFF"));
    }

    @Test
    void theFirstBatchOfADeviceContinuesAfterWhatTheOutboxHolds() throws Exception {
        outbox.presetLastSequence(TestReadings.MONITOR.id(), 4, 41);
        BatchingSealer sealer = sealer(1, 60_000, 1000, Clock.systemUTC());
        sealer.seal(admitted(TestReadings.MONITOR, heartRate(70)));
        sealer.seal(admitted(TestReadings.MONITOR, heartRate(71)));
        sealer.flushNow();
        assertThat(outbox.envelopes()).extracting(e -> e.tags().sequence()).containsExactly(42L, 43L);
    }

    @Test
    void clockJumpsChangeNoSequenceAndAreAudited() throws Exception {
        AtomicReference<Instant> now = new AtomicReference<>(TestReadings.T0);
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        BatchingSealer sealer = sealer(1, 60_000, 1000, clock);
        sealer.seal(admitted(TestReadings.MONITOR, heartRate(70)));
        sealer.flushNow();
        now.set(now.get().minus(Duration.ofHours(1)));
        sealer.checkClockNow();
        sealer.seal(admitted(TestReadings.MONITOR, heartRate(71)));
        sealer.flushNow();
        now.set(now.get().plus(Duration.ofDays(1)));
        sealer.checkClockNow();
        sealer.seal(admitted(TestReadings.MONITOR, heartRate(72)));
        sealer.flushNow();

        assertThat(outbox.envelopes()).extracting(e -> e.tags().sequence()).containsExactly(0L, 1L, 2L);
        assertThat(outbox.envelopes().get(1).tags().sealedAt()).isBefore(outbox.envelopes().get(0).tags().sealedAt());
        assertThat(audit).extracting(AuditEvent::action).containsExactly("TIME_CHANGED", "TIME_CHANGED");
        // The fake wall clock stands still while the monotonic clock runs on, hence the digits after -36 and +86.
        assertThat(audit.get(0).detail()).matches("wall clock moved by -36[0-9]{5} ms .*");
        assertThat(audit.get(1).detail()).matches("wall clock moved by \\+86[0-9]{6} ms .*");
    }

    @Test
    void aFloodBeyondThePendingLimitIsDroppedAndCounted() throws Exception {
        BatchingSealer sealer = sealer(1000, 60_000, 10, Clock.systemUTC());
        Reading[] eleven = new Reading[11];
        for (int i = 0; i < eleven.length; i++) {
            eleven[i] = heartRate(60 + i);
        }
        sealer.seal(admitted(TestReadings.MONITOR, eleven));
        sealer.seal(admitted(TestReadings.MONITOR, heartRate(1), heartRate(2)));
        sealer.flushNow();
        assertThat(sealer.droppedCount()).isEqualTo(11);
        assertThat(outbox.envelopes()).singleElement().extracting(e -> e.tags().readingCount()).isEqualTo(2);
    }

    @Test
    void anUnknownBackendKeyIsAuditedNotThrown() throws Exception {
        BatchingSealer sealer = sealer(1, 60_000, 1000, Clock.systemUTC());
        sealer.seal(new AdmittedReadings(new DeviceReadings(TestReadings.MONITOR, TestReadings.BED_12,
                List.of(heartRate(70))), new Route("g", "vitals", "backend-2099", 1)));
        sealer.seal(admitted(TestReadings.MONITOR, heartRate(71)));
        sealer.flushNow();
        assertThat(audit).extracting(AuditEvent::action).containsExactly("SEAL_FAILED");
        assertThat(outbox.envelopes()).extracting(e -> e.tags().sequence()).containsExactly(0L);
    }
}
