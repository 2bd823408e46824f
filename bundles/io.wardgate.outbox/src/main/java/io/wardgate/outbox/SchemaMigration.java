package io.wardgate.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Brings an outbox file of an older schema up to date, inside the opening transaction, so that
 * envelopes stored before an update are kept and sent. Version 1 had no precedence column: its
 * envelopes are all readings (precedence 0, routine).
 */
final class SchemaMigration {
    private SchemaMigration() {
    }

    static void addPrecedence(Statement statement) throws SQLException {
        if (!hasColumn(statement, "envelope", "precedence")) {
            statement.execute("ALTER TABLE envelope ADD COLUMN precedence INTEGER NOT NULL DEFAULT 0");
        }
        statement.execute("CREATE INDEX IF NOT EXISTS envelope_precedence ON envelope(precedence, id)");
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
