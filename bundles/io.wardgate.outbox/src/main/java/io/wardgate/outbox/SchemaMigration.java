package io.wardgate.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Brings an outbox file of an older schema up to date, inside the opening transaction, so that
 * envelopes stored before an update are kept and sent. Version 1 had no precedence column: its
 * envelopes are all readings (precedence 0, routine). Indexes are rebuilt here too: the table's
 * layout, not its indexes, is what the schema version counts (an older gateway opening a file of this
 * one re-creates the indexes it knows and works on).
 */
final class SchemaMigration {
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
