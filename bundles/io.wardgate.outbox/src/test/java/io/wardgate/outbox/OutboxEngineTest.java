package io.wardgate.outbox;

import static io.wardgate.outbox.Envelopes.T0;
import static io.wardgate.outbox.Envelopes.envelope;
import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.pipeline.StoreOutcome;
import io.wardgate.api.pipeline.StoredEnvelope;
import io.wardgate.testkit.MutableClock;
import io.wardgate.testkit.RecordingAuditTrail;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Outbox contract on a real SQLite file: durability, order, fairness, hand-out bookkeeping. */
class OutboxEngineTest {
    @TempDir
    Path dir;

    private final RecordingAuditTrail audit = new RecordingAuditTrail();
    private final MutableClock clock = new MutableClock(T0.plusSeconds(60));
    private final List<OutboxEngine> open = new ArrayList<>();

    private OutboxEngine engine() {
        OutboxEngine engine = new OutboxEngine(OutboxSettings.defaults(dir.resolve("outbox.db")), clock, () -> audit);
        open.add(engine);
        return engine;
    }

    @AfterEach
    void closeAll() {
        open.forEach(OutboxEngine::close);
    }

    @Test
    void databaseIsInWalModeWithFullSynchronousCommits() {
        OutboxEngine outbox = engine();
        // build-notes.md: "WAL mode reports synchronous=FULL by default here"; we set and check it anyway.
        assertThat(outbox.currentStore().journalMode()).isEqualToIgnoringCase("wal");
        assertThat(outbox.currentStore().synchronousLevel()).isEqualTo(2); // 2 = FULL
    }

    @Test
    void storedEnvelopesSurviveARestartWithTheirSequenceCounters() {
        OutboxEngine first = engine();
        assertThat(first.store(envelope("serial:/dev/ttyUSB0", 0))).isEqualTo(StoreOutcome.STORED);
        assertThat(first.store(envelope("serial:/dev/ttyUSB0", 1))).isEqualTo(StoreOutcome.STORED);
        assertThat(first.store(envelope("ble:AA:BB:CC:DD:EE:FF", 7))).isEqualTo(StoreOutcome.STORED);
        first.close();

        OutboxEngine second = engine();
        assertThat(second.status().envelopes()).isEqualTo(3);
        assertThat(second.status().bytes()).isEqualTo(300);
        assertThat(second.status().capacityBytes()).isEqualTo(1L << 30);
        assertThat(second.status().oldest()).isEqualTo(T0);
        assertThat(second.status().alarm()).isEmpty();
        assertThat(second.lastSequence("serial:/dev/ttyUSB0", 1)).isEqualTo(1);
        assertThat(second.lastSequence("ble:AA:BB:CC:DD:EE:FF", 1)).isEqualTo(7);
        assertThat(second.lastSequence("serial:/dev/ttyUSB0", 2)).isEqualTo(-1);
        assertThat(second.lastSequence("unknown", 1)).isEqualTo(-1);
        assertThat(second.next(10)).extracting(e -> e.envelope().tags().sequence()).containsExactlyInAnyOrder(0L, 1L, 7L);
    }

    @Test
    void theSequenceCounterIsKeptAfterTheEnvelopeWasAcknowledged() {
        OutboxEngine outbox = engine();
        outbox.store(envelope("dev-a", 41));
        StoredEnvelope sent = outbox.next(1).get(0);
        outbox.acknowledge(sent.storageId());
        outbox.sweepNow(); // the writer has processed the acknowledgement
        assertThat(outbox.status().envelopes()).isZero();
        assertThat(outbox.lastSequence("dev-a", 1)).isEqualTo(41);
    }

    @Test
    void handsOutOldestFirstPerDeviceAndRoundRobinAcrossDevices() {
        OutboxEngine outbox = engine();
        for (int i = 0; i < 20; i++) {
            outbox.store(envelope("backlog", i)); // a device with a backlog
        }
        outbox.store(envelope("live-1", 0));
        outbox.store(envelope("live-2", 0));

        List<StoredEnvelope> first = outbox.next(3);
        assertThat(first).extracting(e -> e.envelope().tags().deviceId())
                .containsExactlyInAnyOrder("backlog", "live-1", "live-2");
        List<StoredEnvelope> rest = outbox.next(100);
        assertThat(rest).extracting(e -> e.envelope().tags().sequence()).containsExactly(
                1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L);
    }

    @Test
    void aWindowOfOneTakesTurnsBetweenDevices() {
        OutboxEngine outbox = engine();
        for (int i = 0; i < 5; i++) {
            outbox.store(envelope("a", i));
            outbox.store(envelope("b", i));
            outbox.store(envelope("c", i));
        }
        List<String> order = new ArrayList<>();
        Map<String, List<Long>> perDevice = new TreeMap<>();
        for (int i = 0; i < 15; i++) {
            StoredEnvelope next = outbox.next(1).get(0);
            order.add(next.envelope().tags().deviceId());
            perDevice.computeIfAbsent(next.envelope().tags().deviceId(), d -> new ArrayList<>())
                    .add(next.envelope().tags().sequence());
            outbox.acknowledge(next.storageId());
        }
        assertThat(order.subList(0, 6)).containsExactly("a", "b", "c", "a", "b", "c");
        perDevice.values().forEach(seqs -> assertThat(seqs).containsExactly(0L, 1L, 2L, 3L, 4L));
    }

    @Test
    void neverHandsOutTheSameEnvelopeTwiceUntilReleased() {
        OutboxEngine outbox = engine();
        outbox.store(envelope("a", 0));
        outbox.store(envelope("a", 1));
        List<StoredEnvelope> first = outbox.next(10);
        assertThat(first).hasSize(2);
        assertThat(outbox.next(10)).isEmpty();
        assertThat(outbox.inFlight()).isEqualTo(2);

        outbox.release(first.get(0).storageId());
        outbox.release(first.get(1).storageId());
        List<StoredEnvelope> again = outbox.next(10);
        assertThat(again).extracting(StoredEnvelope::storageId)
                .containsExactly(first.get(0).storageId(), first.get(1).storageId());
        assertThat(again.get(0).envelope()).isEqualTo(envelope("a", 0));
    }

    @Test
    void aHandOutThatFoundTheOutboxDryReadsSqliteAgainOnlyOnceSomethingChanged() {
        OutboxEngine outbox = engine();
        outbox.store(envelope("a", 0));
        outbox.store(envelope("b", 0));
        long reads = outbox.handOutReads();
        List<StoredEnvelope> first = outbox.next(10);
        assertThat(first).hasSize(2);
        assertThat(outbox.handOutReads()).isEqualTo(reads + 1);
        assertThat(outbox.next(10)).isEmpty();
        assertThat(outbox.next(10)).isEmpty();
        assertThat(outbox.handOutReads()).as("dry and nothing changed: no read").isEqualTo(reads + 1);

        outbox.store(envelope("a", 1)); // a store
        assertThat(outbox.next(10)).extracting(e -> e.envelope().tags().sequence()).containsExactly(1L);
        assertThat(outbox.next(10)).isEmpty();
        outbox.release(first.get(1).storageId()); // a release
        assertThat(outbox.next(10)).extracting(StoredEnvelope::storageId).containsExactly(first.get(1).storageId());
        outbox.uplinkConnected(); // a new live boundary
        outbox.release(first.get(0).storageId());
        assertThat(outbox.next(1)).extracting(StoredEnvelope::storageId).containsExactly(first.get(0).storageId());
        assertThat(outbox.handOutReads()).isEqualTo(reads + 4);
    }

    @Test
    void acknowledgeRemovesForGoodAndUnknownIdsAreHarmless() {
        OutboxEngine outbox = engine();
        outbox.store(envelope("a", 0));
        outbox.store(envelope("a", 1));
        StoredEnvelope first = outbox.next(1).get(0);
        outbox.acknowledge(first.storageId());
        outbox.acknowledge(987654L);
        outbox.release(123456L);
        outbox.sweepNow();
        assertThat(outbox.status().envelopes()).isEqualTo(1);
        assertThat(outbox.next(10)).extracting(e -> e.envelope().tags().sequence()).containsExactly(1L);
        outbox.close();
        assertThat(engine().next(10)).extracting(e -> e.envelope().tags().sequence()).containsExactly(1L);
    }

    @Test
    void afterARestartEverythingUnacknowledgedIsDueAgain() {
        OutboxEngine first = engine();
        first.store(envelope("a", 0));
        assertThat(first.next(10)).hasSize(1); // in flight when the process "died"
        first.close();
        assertThat(engine().next(10)).hasSize(1);
    }

    @Test
    void nonPositiveOrHugeRequestsAreBounded() {
        OutboxEngine outbox = engine();
        outbox.store(envelope("a", 0));
        assertThat(outbox.next(0)).isEmpty();
        assertThat(outbox.next(-5)).isEmpty();
        assertThat(outbox.next(Integer.MAX_VALUE)).hasSize(1);
    }

    @Test
    void anEmptyOutboxHasNoOldestAndNoAlarm() {
        OutboxEngine outbox = engine();
        assertThat(outbox.status().oldest()).isNull();
        assertThat(outbox.status().alarm()).isEmpty();
        assertThat(outbox.next(5)).isEmpty();
        assertThat(audit.events()).isEmpty();
    }
}
