package io.wardgate.outbox;

import java.sql.SQLException;
import java.sql.Statement;

/** Files as an earlier gateway wrote them (schema 2 tables, its own index layout): for the migration tests. */
final class PreviousSchema {
    private PreviousSchema() {
    }

    /** The schema-2 tables in WAL mode, with {@code indexes} (CREATE INDEX statements) on the envelope table. */
    static void create(Statement statement, String... indexes) throws SQLException {
        statement.execute("PRAGMA journal_mode=WAL");
        statement.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL)");
        statement.execute("CREATE TABLE envelope("
                + "id INTEGER PRIMARY KEY AUTOINCREMENT, gateway TEXT NOT NULL, device TEXT NOT NULL,"
                + " epoch INTEGER NOT NULL, seq INTEGER NOT NULL, sealed_s INTEGER NOT NULL, sealed_n INTEGER NOT NULL,"
                + " topic TEXT NOT NULL, priority INTEGER NOT NULL, readings INTEGER NOT NULL,"
                + " size INTEGER NOT NULL, body BLOB NOT NULL, precedence INTEGER NOT NULL DEFAULT 0)");
        for (String index : indexes) {
            statement.execute(index);
        }
        statement.execute("CREATE TABLE sequence("
                + "device TEXT NOT NULL, epoch INTEGER NOT NULL, last INTEGER NOT NULL, PRIMARY KEY(device, epoch))");
        statement.execute("INSERT INTO meta(key, value) VALUES('schema', 2)");
    }
}
