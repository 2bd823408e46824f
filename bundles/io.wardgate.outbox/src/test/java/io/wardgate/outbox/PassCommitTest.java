package io.wardgate.outbox;

import static io.wardgate.outbox.Envelopes.envelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.api.pipeline.Precedence;
import io.wardgate.api.pipeline.SealedEnvelope;
import io.wardgate.api.pipeline.StoreOutcome;
import io.wardgate.api.pipeline.StoredEnvelope;
import io.wardgate.testkit.RecordingAuditTrail;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What costs a commit (and its fsync) on a real SQLite file: a sealer's pass handed over together is one
 * transaction; acknowledgements alone are committed without making the next store less durable; and
 * acknowledgements that come alone ride in the next store's transaction (or are committed after
 * OutboxWriter.ACK_HOLD when no store comes), so a PUBACK costs no transaction of its own at a few
 * envelopes a second.
 */
class PassCommitTest {
    @TempDir
    Path dir;

    @Test
    void aPassHandedOverTogetherIsOneTransactionAndDurableWhenAnswered() throws Exception {
        Path file = dir.resolve("outbox.db");
        try (OutboxEngine outbox = new OutboxEngine(OutboxSettings.defaults(file), Clock.systemUTC(),
                RecordingAuditTrail::new)) {
            outbox.sweepNow(); // the start-up sweep is done: nothing else commits during the test
            List<SealedEnvelope> pass = new ArrayList<>();
            for (int bed = 0; bed < 30; bed++) {
                pass.add(envelope("bed-" + bed, 0));
            }
            long before = outbox.commits();
            List<CompletionStage<StoreOutcome>> answers = outbox.storeAllAsync(pass, Precedence.ROUTINE);
            assertThat(answers).hasSize(30);
            for (CompletionStage<StoreOutcome> answer : answers) {
                assertThat(answer.toCompletableFuture().get()).isEqualTo(StoreOutcome.STORED);
            }
            assertThat(outbox.commits() - before).as("transactions for 30 envelopes of one pass").isEqualTo(1);
            try (SqliteStore reader = SqliteStore.open(file, 0)) {
                assertThat(reader.totals().envelopes()).isEqualTo(30);
                assertThat(reader.lastSequence("bed-29", 1)).isZero();
            }
            assertThat(outbox.next(30)).extracting(e -> e.envelope().tags().deviceId())
                    .containsExactlyInAnyOrderElementsOf(pass.stream().map(e -> e.tags().deviceId()).toList());
        }
    }

    @Test
    void acknowledgementsAloneAreCommittedAndLeaveTheNextStoreDurable() throws Exception {
        Path file = dir.resolve("outbox.db");
        try (OutboxEngine outbox = new OutboxEngine(OutboxSettings.defaults(file), Clock.systemUTC(),
                RecordingAuditTrail::new)) {
            for (int i = 0; i < 3; i++) {
                assertThat(outbox.store(envelope("bed-1", i))).isEqualTo(StoreOutcome.STORED);
            }
            outbox.next(3).forEach(e -> outbox.acknowledge(e.storageId()));
            // Committed without an fsync of its own (synchronous=NORMAL for that transaction), but committed.
            await().atMost(Duration.ofSeconds(30)).until(() -> outbox.status().envelopes() == 0);
            try (SqliteStore reader = SqliteStore.open(file, 0)) {
                assertThat(reader.totals().envelopes()).isZero();
            }
            assertThat(outbox.store(envelope("bed-1", 3))).isEqualTo(StoreOutcome.STORED);
            assertThat(outbox.currentStore().synchronousLevel()).as("FULL again for stores").isEqualTo(2);
        }
    }

    @Test
    void acknowledgementsThatComeAloneRideInTheNextStoresTransaction() throws Exception {
        Path file = dir.resolve("outbox.db");
        try (OutboxEngine outbox = new OutboxEngine(OutboxSettings.defaults(file), Clock.systemUTC(),
                RecordingAuditTrail::new)) {
            for (int i = 0; i < 3; i++) {
                assertThat(outbox.store(envelope("bed-1", i))).isEqualTo(StoreOutcome.STORED);
            }
            outbox.sweepNow(); // the start-up sweep is done: nothing else commits during the test
            List<StoredEnvelope> sent = outbox.next(3);
            long before = outbox.commits();
            sent.forEach(e -> outbox.acknowledge(e.storageId()));
            await().atMost(Duration.ofSeconds(30)).until(() -> outbox.heldAcknowledgements() == 3);
            assertThat(outbox.commits()).as("no transaction for the acknowledgements alone").isEqualTo(before);
            assertThat(outbox.next(3)).as("acknowledged, not yet deleted: never handed out again").isEmpty();

            assertThat(outbox.store(envelope("bed-1", 3))).isEqualTo(StoreOutcome.STORED);
            assertThat(outbox.commits() - before).as("the store and the three deletions: one transaction").isEqualTo(1);
            assertThat(outbox.heldAcknowledgements()).isZero();
            try (SqliteStore reader = SqliteStore.open(file, 0)) {
                assertThat(reader.totals().envelopes()).as("deleted with the store's commit").isEqualTo(1);
            }

            // No store follows: the acknowledgement is committed alone once the hold is over.
            StoredEnvelope last = outbox.next(1).get(0);
            outbox.acknowledge(last.storageId());
            await().atMost(Duration.ofSeconds(30)).until(() -> outbox.status().envelopes() == 0);
            assertThat(outbox.heldAcknowledgements()).isZero();
            try (SqliteStore reader = SqliteStore.open(file, 0)) {
                assertThat(reader.totals().envelopes()).isZero();
            }
        }
    }
}
