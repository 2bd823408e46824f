package io.wardgate.outbox;

import static io.wardgate.outbox.Envelopes.envelope;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store keeps its statements prepared across calls (SqliteStore#prepared): a statement kept must not keep a
 * read transaction open (a WAL that can never be checkpointed grows without bound), and repeated calls must see
 * what was written in between.
 */
class PreparedStatementsTest {
    @TempDir
    Path dir;

    @Test
    void keptStatementsHoldNoReadTransactionBetweenCalls() throws Exception {
        Path file = dir.resolve("outbox.db");
        try (SqliteStore store = SqliteStore.open(file, 0)) {
            for (int i = 0; i < 5; i++) {
                int seq = i;
                store.transaction(tx -> tx.insert(envelope("a", seq)));
                store.transaction(tx -> tx.insert(envelope("b", seq)));
            }
            // Single-row reads stop before the statement's end: only a reset ends their read.
            assertThat(store.deviceAfter("")).contains("a");
            assertThat(store.lastSequence("a", 1)).isEqualTo(-1L);
            List<Long> ids = store.oldestIds("b", 2);
            assertThat(store.load(ids)).hasSize(2);
            assertThat(store.urgentIds(1)).isEmpty();

            // Another connection can truncate the WAL only when no reader holds a snapshot.
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
                    Statement statement = other.createStatement();
                    ResultSet row = statement.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getInt(1)).as("checkpoint blocked by a reader").isZero();
                assertThat(row.getLong(2)).as("WAL frames left").isZero();
            }
        }
    }

    @Test
    void theDriverDoesNotMatchStatementsForGeneratedKeysAndIdsStillComeInOrder() throws Exception {
        try (SqliteStore store = SqliteStore.open(dir.resolve("outbox.db"), 0)) {
            assertThat(store.driverTracksGeneratedKeys()).isFalse();
            store.transaction(tx -> tx.insert(envelope("a", 0)));
            store.transaction(tx -> tx.insert(envelope("a", 1)));
            List<Long> ids = store.oldestIds("a", 10);
            assertThat(ids).hasSize(2);
            assertThat(ids.get(1)).isGreaterThan(ids.get(0));
        }
    }

    @Test
    void repeatedReadsSeeWhatWasWrittenInBetween() {
        try (SqliteStore store = SqliteStore.open(dir.resolve("outbox.db"), 0)) {
            store.transaction(tx -> tx.insert(envelope("a", 0)));
            List<Long> first = store.oldestIds("a", 10);
            assertThat(first).hasSize(1);
            store.transaction(tx -> tx.insert(envelope("a", 1)));
            List<Long> both = store.oldestIds("a", 10);
            assertThat(both).hasSize(2).startsWith(first.get(0));
            store.transaction(tx -> tx.delete(first));
            assertThat(store.oldestIds("a", 10)).containsExactly(both.get(1));
            assertThat(store.deviceAfter("a")).isEmpty();
        }
    }
}
