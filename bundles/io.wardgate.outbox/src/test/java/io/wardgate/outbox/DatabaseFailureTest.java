package io.wardgate.outbox;

import static io.wardgate.outbox.Envelopes.T0;
import static io.wardgate.outbox.Envelopes.envelope;
import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.api.pipeline.StoreOutcome;
import io.wardgate.api.pipeline.StoredEnvelope;
import io.wardgate.testkit.MutableClock;
import io.wardgate.testkit.RecordingAuditTrail;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A corrupt file, an unusable path and a full disk: alarms, audit, policy, recovery; never a crash loop. */
class DatabaseFailureTest {
    @TempDir
    Path dir;

    private final RecordingAuditTrail audit = new RecordingAuditTrail();
    private final MutableClock clock = new MutableClock(T0.plusSeconds(60));

    @Test
    void aCorruptDatabaseIsMovedAsideAndAFreshOneStarted() throws Exception {
        Path file = dir.resolve("outbox.db");
        Files.write(file, "this is not an SQLite database, just garbage bytes".repeat(100).getBytes(StandardCharsets.US_ASCII));

        try (OutboxEngine outbox = new OutboxEngine(OutboxSettings.defaults(file), clock, () -> audit)) {
            List<Path> aside;
            try (Stream<Path> files = Files.list(dir)) {
                aside = files.filter(p -> p.getFileName().toString().startsWith("outbox.db.corrupt-")).toList();
            }
            assertThat(aside).singleElement().satisfies(p -> assertThat(Files.readString(p)).startsWith("this is not"));
            assertThat(outbox.status().alarm()).contains("corrupt").contains("moved aside");
            assertThat(audit.withAction("OUTBOX_CORRUPT")).singleElement()
                    .satisfies(event -> assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.FAILURE));
            assertThat(outbox.store(envelope("a", 0))).isEqualTo(StoreOutcome.STORED);
            assertThat(outbox.next(5)).hasSize(1);
        }
        // The fresh database is a good one: the next start raises no alarm.
        try (OutboxEngine again = new OutboxEngine(OutboxSettings.defaults(file), clock, () -> audit)) {
            assertThat(again.status().alarm()).isEmpty();
            assertThat(again.status().envelopes()).isEqualTo(1);
        }
    }

    @Test
    void anUnusableDatabasePathAlarmsAndRefusesInsteadOfThrowing() throws Exception {
        Path notAFile = Files.createDirectories(dir.resolve("outbox.db")); // a directory where the file should be
        try (OutboxEngine outbox = new OutboxEngine(OutboxSettings.defaults(notAFile), clock, () -> audit)) {
            assertThat(outbox.store(envelope("a", 0))).isEqualTo(StoreOutcome.REFUSED_ERROR);
            assertThat(outbox.next(5)).isEmpty();
            assertThat(outbox.lastSequence("a", 1)).isEqualTo(-1);
            assertThat(outbox.status().alarm()).contains("unavailable");
            assertThat(audit.withAction("OUTBOX_ERROR")).isNotEmpty();

            // The operator fixes it: the outbox recovers by itself on the next write.
            Files.delete(notAFile);
            assertThat(outbox.store(envelope("a", 0))).isEqualTo(StoreOutcome.STORED);
            assertThat(outbox.status().alarm()).isEmpty();
        }
    }

    @Test
    void aFullDiskRefusesWithRefusePolicyAndRecoversWhenSpaceReturns() {
        // SQLite's max_page_count stands in for a full partition (R3).
        OutboxSettings settings = OutboxSettings.defaults(dir.resolve("outbox.db")).withPolicy(FullPolicy.REFUSE_NEW)
                .withMaxDatabaseBytes(256 * 1024);
        try (OutboxEngine outbox = new OutboxEngine(settings, clock, () -> audit)) {
            int stored = fillUntilRefused(outbox, 2);
            assertThat(stored).isGreaterThan(5);
            assertThat(outbox.status().envelopes()).isEqualTo(stored);
            assertThat(outbox.status().alarm()).contains("disk full");
            assertThat(audit.withAction("OUTBOX_REFUSED")).isNotEmpty();

            // The uplink drains half; the freed pages are used again.
            for (StoredEnvelope sent : outbox.next(stored / 2)) {
                outbox.acknowledge(sent.storageId());
            }
            assertThat(outbox.store(envelope("a", 1000, 5, 8 * 1024, T0))).isEqualTo(StoreOutcome.STORED);
            assertThat(outbox.status().alarm()).isEmpty();
        }
    }

    @Test
    void aFullDiskEvictsTheOldestLowestPriorityWithDropPolicy() {
        OutboxSettings settings = OutboxSettings.defaults(dir.resolve("outbox.db"))
                .withPolicy(FullPolicy.DROP_OLDEST_LOWEST_PRIORITY).withMaxDatabaseBytes(256 * 1024);
        try (OutboxEngine outbox = new OutboxEngine(settings, clock, () -> audit)) {
            int count = 0;
            StoreOutcome outcome = StoreOutcome.STORED;
            while (outcome == StoreOutcome.STORED && count < 1000) {
                outcome = outbox.store(envelope("a", count, count < 10 ? 1 : 5, 8 * 1024, T0.plusSeconds(count)));
                count++;
            }
            assertThat(outcome).isEqualTo(StoreOutcome.STORED_AFTER_EVICTION);
            assertThat(outbox.status().alarm()).contains("disk full");
            assertThat(audit.withAction("OUTBOX_EVICTED")).singleElement()
                    .satisfies(event -> assertThat(event.detail()).contains("disk full"));
            // The low-priority ones went first; the newest is there.
            List<Long> left = outbox.next(1000).stream().map(e -> e.envelope().tags().sequence()).toList();
            assertThat(left).doesNotContain(0L).contains((long) count - 1);
        }
    }

    private static int fillUntilRefused(OutboxEngine outbox, int priority) {
        for (int i = 0; i < 1000; i++) {
            StoreOutcome outcome = outbox.store(envelope("a", i, priority, 8 * 1024, T0.plusSeconds(i)));
            if (outcome != StoreOutcome.STORED) {
                assertThat(outcome).isEqualTo(StoreOutcome.REFUSED_FULL);
                return i;
            }
        }
        throw new AssertionError("the database limit was never reached");
    }
}
