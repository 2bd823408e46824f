package io.wardgate.seal.sealer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.api.Alarm;
import io.wardgate.api.AlarmPriority;
import io.wardgate.api.AlarmState;
import io.wardgate.api.Decimal;
import io.wardgate.api.DeviceAlarms;
import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.DeviceReadings;
import io.wardgate.api.Observation;
import io.wardgate.api.Reading;
import io.wardgate.api.Transport;
import io.wardgate.api.VitalSign;
import io.wardgate.api.pipeline.AdmittedAlarms;
import io.wardgate.api.pipeline.AdmittedReadings;
import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.api.pipeline.Precedence;
import io.wardgate.api.pipeline.Route;
import io.wardgate.api.pipeline.SealedEnvelope;
import io.wardgate.api.pipeline.StoreOutcome;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Adaptive batching against an outbox whose commits the test makes happen ({@link GatedOutbox}): what is
 * sealed at once, what waits for a commit, and that order, sequence numbers and bounds stay as they were.
 * No timing: every step waits for a condition or for the sealer's queue to be worked off.
 */
class AdaptiveSealingTest {
    private static final Route ROUTE = new Route("icu-monitors", "vitals", "backend-test", 5);
    private static final long NEVER = 60_000;
    private final InMemoryOutbox memory = new InMemoryOutbox();
    private final GatedOutbox outbox = new GatedOutbox(memory);
    private final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
    private final EnvelopeOpener opener = new EnvelopeOpener(Map.of("backend-test", TestKeys.backend().getPrivate()),
            TestKeys.trusting(TestKeys.gateway().getPublic()));
    private final List<BatchingSealer> started = new ArrayList<>();

    @AfterEach
    void stop() {
        outbox.commitAll();
        started.forEach(BatchingSealer::close);
    }

    private BatchingSealer sealer(boolean adaptive, int maxReadings, int maxPending,
            io.wardgate.api.pipeline.Outbox target) {
        SecureRandom random = new SecureRandom();
        BatchingSealer sealer = new BatchingSealer(new SealerSettings(maxReadings, NEVER,
                ContentAlgorithm.CHACHA20_POLY1305, maxPending, adaptive), BatchingSealerTest.keys(), target,
                new EnvelopeSealer(Randomness.secure(random), Es256Signer.randomized(random)), 7, Clock.systemUTC(),
                () -> Optional.of(audit::add));
        started.add(sealer);
        return sealer;
    }

    private static AdmittedReadings admitted(DeviceIdentity device, Reading... readings) {
        return new AdmittedReadings(new DeviceReadings(device, TestReadings.BED_12, List.of(readings)), ROUTE);
    }

    private static Reading heartRate(int value) {
        return Observation.of(VitalSign.HEART_RATE, Decimal.ofInteger(value), Set.of(), TestReadings.T0);
    }

    private List<Long> values(SealedEnvelope envelope) {
        OpenResult result = opener.open(envelope.bytes());
        assertThat(result).isInstanceOf(OpenResult.Opened.class);
        return ((OpenResult.Opened) result).batch().readings().stream()
                .map(r -> ((Observation) r).value().mantissa()).toList();
    }

    @Test
    void idleAReadingIsSealedAtOnceNotAfterTheWindow() {
        sealer(true, 50, 1000, outbox).seal(admitted(TestReadings.MONITOR, heartRate(70)));
        // The window is a minute: only the adaptive rule can seal it within the wait.
        await().atMost(Duration.ofSeconds(20)).until(() -> outbox.handed().size() == 1);
        assertThat(values(outbox.handed().get(0))).containsExactly(70L);
    }

    @Test
    void whileTheDevicesEnvelopeCommitsItsReadingsCoalesceInOrder() throws Exception {
        BatchingSealer sealer = sealer(true, 50, 1000, outbox);
        sealer.seal(admitted(TestReadings.MONITOR, heartRate(60)));
        await().atMost(Duration.ofSeconds(20)).until(() -> outbox.handed().size() == 1);
        for (int i = 61; i <= 65; i++) {
            sealer.seal(admitted(TestReadings.MONITOR, heartRate(i)));
        }
        sealer.awaitQueuedWork();
        assertThat(outbox.handed()).as("nothing sealed while the first envelope commits").hasSize(1);

        outbox.commitAll();
        await().atMost(Duration.ofSeconds(20)).until(() -> outbox.handed().size() == 2);
        outbox.commitAll();
        List<SealedEnvelope> envelopes = memory.envelopes();
        assertThat(envelopes).extracting(e -> e.tags().sequence()).containsExactly(0L, 1L);
        assertThat(values(envelopes.get(0))).containsExactly(60L);
        assertThat(values(envelopes.get(1))).containsExactly(61L, 62L, 63L, 64L, 65L);
    }

    @Test
    void aCommitWakesTheSealerOnlyWhenABatchWaitsForIt() throws Exception {
        BatchingSealer sealer = sealer(true, 50, 1000, outbox);
        sealer.seal(admitted(TestReadings.MONITOR, heartRate(60)));
        await().atMost(Duration.ofSeconds(20)).until(() -> outbox.handed().size() == 1);
        sealer.awaitQueuedWork();
        // Nothing collects while it commits (a ward at 1 reading/s per device): the answer wakes nobody.
        assertThat(outbox.commitAll()).isEqualTo(1);
        assertThat(sealer.storedWakeUps()).isZero();

        sealer.seal(admitted(TestReadings.MONITOR, heartRate(61)));
        await().atMost(Duration.ofSeconds(20)).until(() -> outbox.handed().size() == 2);
        sealer.seal(admitted(TestReadings.MONITOR, heartRate(62)));
        sealer.awaitQueuedWork();
        assertThat(outbox.handed()).as("62 waits for 61's commit").hasSize(2);
        outbox.commitAll();
        assertThat(sealer.storedWakeUps()).as("a batch waited: the answer wakes the sealer").isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> outbox.handed().size() == 3);
        outbox.commitAll();
        assertThat(memory.envelopes()).extracting(e -> e.tags().sequence()).containsExactly(0L, 1L, 2L);
        assertThat(values(memory.envelopes().get(2))).containsExactly(62L);
    }

    @Test
    void theBatchSizeBoundHoldsWhileBusyAndOrderIsKept() throws Exception {
        BatchingSealer sealer = sealer(true, 3, 1000, outbox);
        sealer.seal(admitted(TestReadings.MONITOR, heartRate(0)));
        await().atMost(Duration.ofSeconds(20)).until(() -> outbox.handed().size() == 1);
        for (int i = 1; i <= 7; i++) {
            sealer.seal(admitted(TestReadings.MONITOR, heartRate(i)));
        }
        sealer.awaitQueuedWork();
        // 7 readings while busy: two full batches of 3 go at the bound, 1 waits for the commit.
        assertThat(outbox.handed()).extracting(e -> e.tags().readingCount()).containsExactly(1, 3, 3);
        outbox.commitAll();
        await().atMost(Duration.ofSeconds(20)).until(() -> outbox.handed().size() == 4);
        sealer.sealPendingNow();
        outbox.commitAll();
        List<Long> all = new ArrayList<>();
        memory.envelopes().forEach(e -> all.addAll(values(e)));
        assertThat(all).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(memory.envelopes()).extracting(e -> e.tags().sequence()).containsExactly(0L, 1L, 2L, 3L);
    }

    @Test
    void everyDevicesEnvelopeIsHandedOverBeforeTheFirstCommitAnswers() {
        BatchingSealer sealer = sealer(true, 50, 1000, outbox);
        for (int bed = 0; bed < 5; bed++) {
            sealer.seal(admitted(DeviceIdentity.at(Transport.SERIAL, "/dev/wardgate/bed-" + bed), heartRate(bed)));
        }
        // One commit can take all five (the outbox's group commit): the sealer did not wait for any answer.
        await().atMost(Duration.ofSeconds(20)).until(() -> outbox.handed().size() == 5);
        assertThat(outbox.uncommitted()).isEqualTo(5);
    }

    @Test
    void pendingReadingsStayBoundedWhileTheDiskIsSlow() throws Exception {
        BatchingSealer sealer = sealer(true, 50, 10, outbox);
        sealer.seal(admitted(TestReadings.MONITOR, heartRate(0)));
        await().atMost(Duration.ofSeconds(20)).until(() -> outbox.handed().size() == 1);
        sealer.awaitQueuedWork();
        for (int i = 1; i <= 11; i++) {
            sealer.seal(admitted(TestReadings.MONITOR, heartRate(i)));
        }
        sealer.awaitQueuedWork();
        assertThat(sealer.droppedCount()).as("the 11th waiting reading is over the limit of 10").isEqualTo(1);
        outbox.commitAll();
        await().atMost(Duration.ofSeconds(20)).until(() -> outbox.handed().size() == 2);
        assertThat(values(outbox.handed().get(1))).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    }

    @Test
    void anAlarmStillGoesAtOnceInItsOwnEnvelopeWithAlarmPrecedenceWhileTheDeviceIsBusy() throws Exception {
        BatchingSealer sealer = sealer(true, 50, 1000, outbox);
        sealer.seal(admitted(TestReadings.MONITOR, heartRate(60)));
        await().atMost(Duration.ofSeconds(20)).until(() -> outbox.handed().size() == 1);
        sealer.seal(admitted(TestReadings.MONITOR, heartRate(61)));
        Alarm alarm = new Alarm(null, "", "HR HIGH", AlarmPriority.HIGH, AlarmState.ACTIVE, null, TestReadings.T0);
        sealer.seal(new AdmittedAlarms(new DeviceAlarms(TestReadings.MONITOR, TestReadings.BED_12, List.of(alarm)),
                ROUTE));
        // The readings envelope is still committing, so 61 waits; the alarm does not.
        await().atMost(Duration.ofSeconds(20)).until(() -> outbox.handed().size() == 2);
        sealer.awaitQueuedWork();
        assertThat(outbox.handed()).hasSize(2);
        assertThat(outbox.handed().get(1).tags().deviceId()).isEqualTo(TestReadings.MONITOR.id() + "#alarms");
        assertThat(outbox.handed().get(1).tags().sequence()).isZero();
        assertThat(outbox.precedences()).containsExactly(Precedence.ROUTINE, Precedence.ALARM);
        outbox.commitAll();
        await().atMost(Duration.ofSeconds(20)).until(() -> outbox.handed().size() == 3);
        assertThat(values(outbox.handed().get(2))).containsExactly(61L);
        assertThat(outbox.handed().get(2).tags().sequence()).isEqualTo(1);
    }

    @Test
    void fixedModeWaitsForTheBoundsEvenWhenIdle() throws Exception {
        BatchingSealer sealer = sealer(false, 50, 1000, outbox);
        sealer.seal(admitted(TestReadings.MONITOR, heartRate(70)));
        sealer.awaitQueuedWork();
        assertThat(outbox.handed()).isEmpty();
        sealer.seal(admitted(TestReadings.MONITOR, heartRate(71)));
        sealer.awaitQueuedWork();
        assertThat(outbox.handed()).isEmpty();
        sealer.sealPendingNow();
        assertThat(outbox.handed()).singleElement().extracting(e -> e.tags().readingCount()).isEqualTo(2);
    }

    @Test
    void aFailedStoreIsAuditedAndTheDeviceGoesOn() throws Exception {
        DelegatingOutbox failingFirst = new DelegatingOutbox(memory) {
            @Override
            public CompletionStage<StoreOutcome> storeAsync(SealedEnvelope envelope, Precedence precedence) {
                if (envelope.tags().sequence() == 0) {
                    return CompletableFuture.failedFuture(new IllegalStateException("disk gone"));
                }
                return super.storeAsync(envelope, precedence);
            }
        };
        BatchingSealer sealer = sealer(true, 50, 1000, failingFirst);
        sealer.seal(admitted(TestReadings.MONITOR, heartRate(70)));
        await().atMost(Duration.ofSeconds(20)).until(() -> !audit.isEmpty());
        sealer.seal(admitted(TestReadings.MONITOR, heartRate(71)));
        await().atMost(Duration.ofSeconds(20)).until(() -> memory.envelopes().size() == 1);
        assertThat(audit).extracting(AuditEvent::action).containsExactly("SEAL_FAILED");
        assertThat(memory.envelopes()).extracting(e -> e.tags().sequence()).containsExactly(1L);
    }
}
