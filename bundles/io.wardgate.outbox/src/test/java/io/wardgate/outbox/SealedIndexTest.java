package io.wardgate.outbox;

import static io.wardgate.outbox.Envelopes.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.pipeline.OutboxStatus;
import io.wardgate.testkit.MutableClock;
import io.wardgate.testkit.RecordingAuditTrail;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The totals counted at open and the oldest envelope of each status call come from envelope_sealed, which holds
 * (sealed_s, sealed_n, size): through the table they read every row, bodies inline, so the whole file (1 s warm,
 * and behind the store's lock, at 500,000 envelopes). A file of the previous layout, (sealed_s) alone, is
 * migrated when opened, keeping its envelopes.
 */
class SealedIndexTest {
    @TempDir
    Path dir;

    @Test
    void aNewOutboxCountsItsTotalsAndFindsItsOldestInTheCoveringSealedIndex() throws Exception {
        Path file = QueryPlans.newOutbox(dir);
        assertThat(QueryPlans.plan(file, SqliteStore.TOTALS_QUERY)).contains("USING COVERING INDEX envelope_sealed");
        assertThat(QueryPlans.plan(file, SqliteStore.OLDEST_QUERY)).contains("USING COVERING INDEX envelope_sealed")
                .doesNotContain("TEMP B-TREE");
    }

    /** The previous opening's SQL with envelope_sealed on sealed_s alone; two envelopes sealed in one second. */
    @Test
    void anOutboxOfThePreviousSealedIndexIsMigratedAndKeepsItsEnvelopes() throws Exception {
        Path file = dir.resolve("outbox.db");
        writePreviousLayout(file);
        assertThat(sealedColumns(file)).containsExactly("sealed_s");
        try (OutboxEngine outbox = new OutboxEngine(OutboxSettings.defaults(file), new MutableClock(T0.plusSeconds(60)),
                RecordingAuditTrail::new)) {
            OutboxStatus status = outbox.status();
            assertThat(status.envelopes()).isEqualTo(3);
            assertThat(status.bytes()).isEqualTo(100 + 200 + 300);
            assertThat(status.oldest()).isEqualTo(T0.plusNanos(5));
            assertThat(outbox.lastSequence("bed-1", 1)).isEqualTo(2);
            assertThat(outbox.next(10)).hasSize(3);
        }
        assertThat(sealedColumns(file)).containsExactly("sealed_s", "sealed_n", "size");
        assertThat(QueryPlans.plan(file, SqliteStore.TOTALS_QUERY)).contains("USING COVERING INDEX envelope_sealed");
    }

    private static void writePreviousLayout(Path file) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            PreviousSchema.create(statement,
                    "CREATE INDEX envelope_urgent ON envelope(precedence DESC, id) WHERE precedence > 0",
                    "CREATE INDEX envelope_device ON envelope(device, id)",
                    "CREATE INDEX envelope_eviction ON envelope(precedence, priority, id)",
                    "CREATE INDEX envelope_sealed ON envelope(sealed_s)");
            insert(connection, "bed-1", 1, 9, 100); // stored first, sealed later within the same second
            insert(connection, "bed-2", 1, 5, 200);
            insert(connection, "bed-1", 2, 7, 300);
            statement.execute("INSERT INTO sequence(device, epoch, last) VALUES('bed-1', 1, 2), ('bed-2', 1, 1)");
        }
    }

    private static void insert(Connection connection, String device, long seq, int nanos, int size) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO envelope(gateway, device, epoch, seq, sealed_s, sealed_n, topic, priority, readings,"
                        + " size, body) VALUES('wg-test',?,1,?,?,?,'wardgate/site-a/ward-3/wg-test/data/vitals',5,1,?,?)")) {
            insert.setString(1, device);
            insert.setLong(2, seq);
            insert.setLong(3, T0.getEpochSecond());
            insert.setInt(4, nanos);
            insert.setInt(5, size);
            insert.setBytes(6, new byte[size]);
            insert.executeUpdate();
        }
    }

    private static List<String> sealedColumns(Path file) throws Exception {
        List<String> columns = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA index_info(envelope_sealed)")) {
            while (rows.next()) {
                columns.add(rows.getString("name"));
            }
        }
        return columns;
    }
}
