package io.wardgate.outbox;

import static io.wardgate.outbox.Envelopes.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.pipeline.StoredEnvelope;
import io.wardgate.testkit.MutableClock;
import io.wardgate.testkit.RecordingAuditTrail;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alarms are found through a partial index that holds alarms only: readings, almost every row, no longer
 * write a (precedence, id) index entry on each store and deletion (a WAL page per commit at 30,000
 * readings/s). A file of the previous index layout is migrated when opened, keeping its envelopes.
 */
class UrgentIndexTest {
    @TempDir
    Path dir;

    @Test
    void aNewOutboxFindsAlarmsInAPartialIndexWithoutSorting() throws Exception {
        Path file = QueryPlans.newOutbox(dir);
        assertThat(indexes(file)).containsEntry("envelope_urgent", true).doesNotContainKey("envelope_precedence");
        assertThat(plan(file)).contains("USING COVERING INDEX envelope_urgent").doesNotContain("TEMP B-TREE");
    }

    /** A file written by the previous schema's SQL (version 2, envelope_precedence over every row). */
    @Test
    void anOutboxOfThePreviousIndexLayoutIsMigratedAndSendsItsEnvelopesAlarmsFirst() throws Exception {
        Path file = dir.resolve("outbox.db");
        writePreviousLayout(file);
        assertThat(indexes(file)).containsKey("envelope_precedence");
        try (OutboxEngine outbox = new OutboxEngine(OutboxSettings.defaults(file), new MutableClock(T0.plusSeconds(60)),
                RecordingAuditTrail::new)) {
            assertThat(outbox.status().envelopes()).isEqualTo(5);
            assertThat(outbox.lastSequence("bed-1", 1)).isEqualTo(2);
            List<String> sent = outbox.next(10).stream().map(UrgentIndexTest::label).toList();
            // alarms first, oldest first; then the readings, each device oldest first
            assertThat(sent.subList(0, 2)).containsExactly("alarm-a", "alarm-b");
            assertThat(sent.subList(2, 5)).containsExactlyInAnyOrder("bed-1#0", "bed-1#2", "bed-2#1");
            assertThat(sent.indexOf("bed-1#0")).isLessThan(sent.indexOf("bed-1#2"));
        }
        assertThat(indexes(file)).containsEntry("envelope_urgent", true).doesNotContainKey("envelope_precedence")
                .containsKeys("envelope_device", "envelope_eviction", "envelope_sealed");
        assertThat(plan(file)).contains("USING COVERING INDEX envelope_urgent").doesNotContain("TEMP B-TREE");
    }

    private static String label(StoredEnvelope stored) {
        return new String(stored.envelope().bytes(), StandardCharsets.US_ASCII);
    }

    /** The previous opening's SQL (schema 2), with three readings and two alarms stored between them. */
    private static void writePreviousLayout(Path file) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            PreviousSchema.create(statement, "CREATE INDEX envelope_precedence ON envelope(precedence, id)",
                    "CREATE INDEX envelope_device ON envelope(device, id)",
                    "CREATE INDEX envelope_eviction ON envelope(precedence, priority, id)",
                    "CREATE INDEX envelope_sealed ON envelope(sealed_s)");
            insert(connection, "bed-1", 0, 0, "bed-1#0");
            insert(connection, "monitor", 0, 1, "alarm-a");
            insert(connection, "bed-2", 1, 0, "bed-2#1");
            insert(connection, "monitor", 1, 1, "alarm-b");
            insert(connection, "bed-1", 2, 0, "bed-1#2");
            statement.execute("INSERT INTO sequence(device, epoch, last) VALUES('bed-1', 1, 2), ('bed-2', 1, 1),"
                    + " ('monitor', 1, 1)");
        }
    }

    private static void insert(Connection connection, String device, long seq, int precedence, String body)
            throws Exception {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO envelope(gateway, device, epoch, seq, sealed_s, sealed_n, topic, priority, readings,"
                        + " size, body, precedence) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)")) {
            byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
            insert.setString(1, "wg-test");
            insert.setString(2, device);
            insert.setLong(3, 1);
            insert.setLong(4, seq);
            insert.setLong(5, T0.getEpochSecond() + seq);
            insert.setInt(6, 0);
            insert.setString(7, "wardgate/site-a/ward-3/wg-test/data/vitals");
            insert.setInt(8, 5);
            insert.setInt(9, 1);
            insert.setInt(10, bytes.length);
            insert.setBytes(11, bytes);
            insert.setInt(12, precedence);
            insert.executeUpdate();
        }
    }

    /** The envelope table's indexes by name, and whether each is partial. */
    private static Map<String, Boolean> indexes(Path file) throws Exception {
        Map<String, Boolean> indexes = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA index_list(envelope)")) {
            while (rows.next()) {
                indexes.put(rows.getString("name"), rows.getInt("partial") == 1);
            }
        }
        return indexes;
    }

    private static String plan(Path file) throws Exception {
        return QueryPlans.plan(file, SqliteStore.URGENT_QUERY, 1000);
    }
}
