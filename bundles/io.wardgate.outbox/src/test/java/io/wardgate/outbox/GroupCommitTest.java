package io.wardgate.outbox;

import static io.wardgate.outbox.Envelopes.envelope;
import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.pipeline.Precedence;
import io.wardgate.api.pipeline.StoreOutcome;
import io.wardgate.api.pipeline.StoredEnvelope;
import io.wardgate.testkit.RecordingAuditTrail;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Concurrent store() calls share transactions, and each returns only after its envelope is durable. */
class GroupCommitTest {
    private static final int THREADS = 8;
    private static final int PER_THREAD = 150;

    @TempDir
    Path dir;

    @Test
    void concurrentStoresShareCommitsAndAreDurableWhenTheyReturn() throws Exception {
        Path file = dir.resolve("outbox.db");
        try (OutboxEngine outbox = new OutboxEngine(OutboxSettings.defaults(file), Clock.systemUTC(),
                RecordingAuditTrail::new)) {
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<List<Boolean>>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                String device = "dev-" + t;
                results.add(pool.submit(() -> {
                    List<Boolean> visible = new ArrayList<>();
                    for (int i = 0; i < PER_THREAD; i++) {
                        assertThat(outbox.store(envelope(device, i))).isEqualTo(StoreOutcome.STORED);
                        if (i % 50 == 49) {
                            // A second connection sees the counter at once: the commit happened before store() returned.
                            try (SqliteStore reader = SqliteStore.open(file, 0)) {
                                visible.add(reader.lastSequence(device, 1) == i);
                            }
                        }
                    }
                    return visible;
                }));
            }
            for (Future<List<Boolean>> result : results) {
                assertThat(result.get()).containsOnly(true);
            }
            pool.shutdown();

            assertThat(outbox.status().envelopes()).isEqualTo(THREADS * PER_THREAD);
            // Group commit: fewer transactions than stores (each store alone would need one each).
            assertThat(outbox.commits()).isLessThan(THREADS * PER_THREAD);
            for (int t = 0; t < THREADS; t++) {
                assertThat(outbox.lastSequence("dev-" + t, 1)).isEqualTo(PER_THREAD - 1);
            }
        }
    }

    @Test
    void storesHandedOverWithoutWaitingShareCommitsAndKeepTheCallersOrder() throws Exception {
        Path file = dir.resolve("outbox.db");
        int count = 600;
        try (OutboxEngine outbox = new OutboxEngine(OutboxSettings.defaults(file), Clock.systemUTC(),
                RecordingAuditTrail::new)) {
            List<CompletableFuture<StoreOutcome>> answers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                // One thread, as the sealer: three devices interleaved, each in its sequence order.
                answers.add(outbox.storeAsync(envelope("dev-" + (i % 3), i / 3), Precedence.ROUTINE)
                        .toCompletableFuture());
            }
            for (CompletableFuture<StoreOutcome> answer : answers) {
                assertThat(answer.get()).isEqualTo(StoreOutcome.STORED);
            }
            // Durable once answered: a second connection sees the last of each device.
            try (SqliteStore reader = SqliteStore.open(file, 0)) {
                for (int d = 0; d < 3; d++) {
                    assertThat(reader.lastSequence("dev-" + d, 1)).isEqualTo(count / 3 - 1);
                }
            }
            assertThat(outbox.commits()).as("group commit").isLessThan(count / 2);
            List<StoredEnvelope> out = outbox.next(count);
            assertThat(out).hasSize(count);
            for (int d = 0; d < 3; d++) {
                String device = "dev-" + d;
                assertThat(out.stream().filter(e -> e.envelope().tags().deviceId().equals(device))
                        .map(e -> e.envelope().tags().sequence()).toList()).as(device).isSorted().hasSize(count / 3);
            }
        }
    }
}
