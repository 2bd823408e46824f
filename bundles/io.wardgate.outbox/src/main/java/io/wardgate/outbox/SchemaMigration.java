package io.wardgate.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings an outbox file of an older schema up to date, inside the opening transaction, so that
 * envelopes stored before an update are kept and sent. Version 1 had no precedence column: its
 * envelopes are all readings (precedence 0, routine). Indexes are rebuilt here too: the table's
 * layout, not its indexes, is what the schema version counts (an older gateway opening a file of this
 * one re-creates the indexes it knows and works on).
 */
final class SchemaMigration {
    private static final List<String> SEALED_COLUMNS = List.of("sealed_s", "sealed_n", "size");

    private SchemaMigration() {
    }

    static void addPrecedence(Statement statement) throws SQLException {
        if (!hasColumn(statement, "envelope", "precedence")) {
            statement.execute("ALTER TABLE envelope ADD COLUMN precedence INTEGER NOT NULL DEFAULT 0");
        }
    }

    /**
     * The alarm index holds alarms only: every store and deletion of a reading updated the full
     * (precedence, id) index, a page written to the WAL per commit; alarms are few, and in this order
     * the hand-out reads them without a sort.
     */
    static void urgentIndex(Statement statement) throws SQLException {
        statement.execute("DROP INDEX IF EXISTS envelope_precedence");
        statement.execute("CREATE INDEX IF NOT EXISTS envelope_urgent ON envelope(precedence DESC, id)"
                + " WHERE precedence > 0");
    }

    /**
     * Expiry's and status's index also holds each row's size: the totals at open ({@code COUNT(*), SUM(size)})
     * and the oldest envelope are then read from this index (10 MiB at 500,000 envelopes) instead of the table,
     * bodies inline (the whole file, up to the capacity, at every start and every status call). Still one index:
     * the same pages written per commit. An older layout, (sealed_s) alone, is rebuilt; an older gateway keeps
     * this one.
     */
    static void sealedIndex(Statement statement) throws SQLException {
        if (!SEALED_COLUMNS.equals(indexColumns(statement, "envelope_sealed"))) {
            statement.execute("DROP INDEX IF EXISTS envelope_sealed");
        }
        statement.execute("CREATE INDEX IF NOT EXISTS envelope_sealed ON envelope(sealed_s, sealed_n, size)");
    }

    /** The index's columns in order; empty if there is no such index. */
    private static List<String> indexColumns(Statement statement, String index) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery("PRAGMA index_info(" + index + ")")) {
            while (rows.next()) {
                columns.add(rows.getString("name"));
            }
        }
        return columns;
    }

    private static boolean hasColumn(Statement statement, String table, String column) throws SQLException {
        try (ResultSet rows = statement.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (rows.next()) {
                if (column.equals(rows.getString("name"))) {
                    return true;
                }
            }
        }
        return false;
    }
}
