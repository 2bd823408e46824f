package io.wardgate.outbox;

import static io.wardgate.outbox.Envelopes.T0;
import static io.wardgate.outbox.Envelopes.envelope;
import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.pipeline.Precedence;
import io.wardgate.api.pipeline.StoredEnvelope;
import io.wardgate.testkit.MutableClock;
import io.wardgate.testkit.RecordingAuditTrail;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 25 item 4, in a real SQLite outbox: after the uplink comes back, live data does not wait behind the
 * backlog (each device's envelopes stored since then go first), and the backlog still goes out in order per
 * device, oldest first, behind it.
 */
class LiveLaneTest {
    @TempDir
    Path dir;

    private final RecordingAuditTrail audit = new RecordingAuditTrail();
    private OutboxEngine outbox;
    private final MutableClock clock = new MutableClock(T0.plusSeconds(60));

    @AfterEach
    void close() {
        if (outbox != null) {
            outbox.close();
        }
    }

    private OutboxEngine open() {
        // the engine's monotonic clock follows this clock: an outage is the clock moving on
        outbox = new OutboxEngine(OutboxSettings.defaults(dir.resolve("outbox.db")), clock, () -> audit);
        return outbox;
    }

    /** Drains everything in windows of {@code window}, acknowledging each: the sequences per device, in hand-out order. */
    private Map<String, List<Long>> drain(int window) {
        Map<String, List<Long>> order = new LinkedHashMap<>();
        for (List<StoredEnvelope> next = outbox.next(window); !next.isEmpty(); next = outbox.next(window)) {
            for (StoredEnvelope stored : next) {
                order.computeIfAbsent(stored.envelope().tags().deviceId(), d -> new ArrayList<>())
                        .add(stored.envelope().tags().sequence());
                outbox.acknowledge(stored.storageId());
            }
            outbox.sweepNow(); // commits the acknowledgements before the next hand-out
        }
        return order;
    }

    private static List<Long> range(long from, long to) {
        return LongStream.range(from, to).boxed().toList();
    }

    @Test
    void readingsStoredAfterTheUplinkCameBackGoAheadOfTheirDevicesBacklog() {
        open();
        for (int i = 0; i < 40; i++) { // the outage: a backlog for two devices
            outbox.store(envelope("bed-1", i));
            outbox.store(envelope("bed-2", i));
        }
        clock.advance(java.time.Duration.ofSeconds(30));
        outbox.uplinkConnected();
        for (int i = 40; i < 43; i++) { // live data of bed-1 during the drain
            outbox.store(envelope("bed-1", i));
        }
        List<StoredEnvelope> first = outbox.next(4);
        assertThat(first).filteredOn(s -> s.envelope().tags().deviceId().equals("bed-1"))
                .extracting(s -> s.envelope().tags().sequence()).containsExactly(40L, 41L);
        first.forEach(stored -> outbox.release(stored.storageId()));

        Map<String, List<Long>> order = drain(5);
        List<Long> bed1 = new ArrayList<>(range(40, 43));
        bed1.addAll(range(0, 40));
        assertThat(order.get("bed-1")).as("live first, then the backlog oldest first").isEqualTo(bed1);
        assertThat(order.get("bed-2")).as("a device without live data: its backlog in order").isEqualTo(range(0, 40));
    }

    @Test
    void whatWasStoredInTheSecondsBeforeTheUplinkConnectedCountsAsLive() {
        open();
        for (int i = 0; i < 10; i++) {
            outbox.store(envelope("bed-1", i));
            clock.advance(java.time.Duration.ofSeconds(10)); // a long outage
        }
        outbox.store(envelope("bed-1", 10)); // while the uplink was noticing the broker was back
        clock.advance(java.time.Duration.ofSeconds(2));
        outbox.uplinkConnected();
        assertThat(drain(3).get("bed-1")).containsExactly(10L, 0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    }

    @Test
    void aBacklogLeftFromBeforeARestartIsBacklogToo() {
        open();
        for (int i = 0; i < 10; i++) {
            outbox.store(envelope("bed-1", i));
        }
        outbox.close();
        open(); // a restart with the backlog on disk
        outbox.uplinkConnected();
        outbox.store(envelope("bed-1", 10));
        assertThat(outbox.next(1)).singleElement().satisfies(s -> assertThat(s.envelope().tags().sequence())
                .isEqualTo(10L));
    }

    @Test
    void beforeTheUplinkConnectedEverythingGoesOldestFirst() {
        open();
        for (int i = 0; i < 5; i++) {
            outbox.store(envelope("bed-1", i));
        }
        assertThat(drain(2).get("bed-1")).isEqualTo(range(0, 5));
    }

    @Test
    void aSecondOutageMidDrainMakesTheFirstLiveLaneBacklogStillInOrderAmongItself() {
        open();
        for (int i = 0; i < 10; i++) {
            outbox.store(envelope("bed-1", i));
        }
        clock.advance(java.time.Duration.ofSeconds(30));
        outbox.uplinkConnected();
        outbox.store(envelope("bed-1", 10));
        outbox.store(envelope("bed-1", 11));
        clock.advance(java.time.Duration.ofSeconds(30));
        outbox.uplinkConnected(); // lost and back before anything was acknowledged
        outbox.store(envelope("bed-1", 12));
        List<Long> expected = new ArrayList<>(List.of(12L));
        expected.addAll(range(0, 12));
        assertThat(drain(3).get("bed-1")).isEqualTo(expected);
    }

    @Test
    void nextAlarmsHandsOutAlarmsOnlyOldestFirst() {
        open();
        outbox.store(envelope("bed-1", 0));
        outbox.store(envelope("bed-1#alarms", 0), Precedence.ALARM);
        outbox.store(envelope("bed-2#alarms", 0), Precedence.ALARM);
        assertThat(outbox.nextAlarms(5)).extracting(s -> s.envelope().tags().deviceId())
                .containsExactly("bed-1#alarms", "bed-2#alarms");
        assertThat(outbox.nextAlarms(5)).as("in flight: not again").isEmpty();
        assertThat(outbox.next(5)).extracting(s -> s.envelope().tags().deviceId()).containsExactly("bed-1");
    }
}
