package io.wardgate.outbox;

import static io.wardgate.outbox.Envelopes.envelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDBC seam on its own: failures are classified, ids never repeat across a replaced database, reads
 * taken together are one read transaction.
 */
class SqliteStoreTest {
    @TempDir
    Path dir;

    @Test
    void idsOfAReplacementDatabaseStartAboveThoseHandedOutBefore() {
        try (SqliteStore store = SqliteStore.open(dir.resolve("fresh.db"), 0)) {
            store.ensureIdsAbove(5000);
            long id = store.transaction(tx -> tx.insert(envelope("a", 0)));
            assertThat(id).isGreaterThan(5000);
            store.ensureIdsAbove(10); // never lowers
            long next = store.transaction(tx -> tx.insert(envelope("a", 1)));
            assertThat(next).isEqualTo(id + 1);
        }
    }

    @Test
    void garbageIsReportedAsCorruptAndAFullDatabaseAsFull() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.db"), "x".repeat(8192));
        assertThatThrownBy(() -> SqliteStore.open(garbage, 0)).isInstanceOfSatisfying(StoreException.class,
                e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.CORRUPT));

        try (SqliteStore store = SqliteStore.open(dir.resolve("small.db"), 64 * 1024)) {
            assertThatThrownBy(() -> {
                for (int i = 0; i < 100; i++) {
                    int seq = i;
                    store.transaction(tx -> tx.insert(envelope("a", seq, 5, 4096, Envelopes.T0)));
                }
            }).isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.FULL));
            // After SQLite rolled the failed transaction back, the next one works (deletes free pages).
            List<Long> ids = store.oldestIds("a", 3);
            List<SqliteStore.Removed> removed = store.transaction(tx -> tx.delete(ids));
            assertThat(removed).hasSize(3);
            long id = store.transaction(tx -> tx.insert(envelope("a", 500, 5, 4096, Envelopes.T0)));
            assertThat(id).isPositive();
        }
    }

    @Test
    void readsTogetherSeeOneSnapshotAndThenTheNewerCommits() {
        Path file = dir.resolve("outbox.db");
        try (SqliteStore reader = SqliteStore.open(file, 0); SqliteStore writer = SqliteStore.open(file, 0)) {
            writer.transaction(tx -> tx.insert(envelope("a", 0)));
            List<Long> seen = reader.reading(() -> {
                long before = reader.totals().envelopes();
                // Another connection commits meanwhile: inside one read transaction the reads do not see it.
                writer.transaction(tx -> tx.insert(envelope("a", 1)));
                return List.of(before, reader.totals().envelopes(), (long) reader.oldestIds("a", 10).size());
            });
            assertThat(seen).containsExactly(1L, 1L, 1L);
            assertThat(reader.totals().envelopes()).isEqualTo(2);
            // The connection is usable for writes again: the read transaction ended.
            long id = reader.transaction(tx -> tx.insert(envelope("a", 2)));
            assertThat(id).isPositive();
        }
    }

    @Test
    void aTransactionThatNeedNotBeDurableIsCommittedAndFullSynchronousIsBackAfterIt() {
        Path file = dir.resolve("outbox.db");
        try (SqliteStore store = SqliteStore.open(file, 0); SqliteStore other = SqliteStore.open(file, 0)) {
            long id = store.transaction(tx -> tx.insert(envelope("a", 0)));
            List<SqliteStore.Removed> removed = store.transaction(tx -> tx.delete(List.of(id)), false);
            assertThat(removed).extracting(SqliteStore.Removed::id).containsExactly(id);
            assertThat(other.totals().envelopes()).as("committed: another connection sees it").isZero();
            assertThat(store.synchronousLevel()).as("synchronous=FULL").isEqualTo(2);
            // A failed one restores it too.
            assertThatThrownBy(() -> store.transaction(tx -> {
                throw new IllegalStateException("boom");
            }, false)).isInstanceOf(IllegalStateException.class);
            assertThat(store.synchronousLevel()).isEqualTo(2);
        }
    }
}
