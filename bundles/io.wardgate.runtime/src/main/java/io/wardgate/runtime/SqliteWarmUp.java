package io.wardgate.runtime;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * Loads SQLite's JDBC classes and its native library ahead of the outbox, on the TLS warm-up's thread: the
 * outbox opens its database when the uplink is activated, on the framework's start-level thread, and that
 * open was mostly first-use class loading and the native library's extraction (docs/benchmarks-history.md, "Start-up
 * to the first reading, seventh pass"). It opens a throwaway database in memory only: no file of the gateway,
 * no setting. The native library goes where the outbox's would (java.io.tmpdir, the data directory's tmp), once
 * per process. A failure only loses the head start: the outbox loads it itself.
 */
final class SqliteWarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteWarmUp.class);

    private SqliteWarmUp() {
    }

    /** True when SQLite ran a statement (its classes and native library are loaded). */
    static boolean warmUp() {
        long started = System.nanoTime();
        try (Connection db = new SQLiteConfig().createConnection("jdbc:sqlite::memory:");
                Statement statement = db.createStatement()) {
            statement.execute("CREATE TABLE warm (id INTEGER PRIMARY KEY AUTOINCREMENT, body BLOB NOT NULL)");
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO warm (body) VALUES (?)")) {
                insert.setBytes(1, new byte[1]);
                insert.executeUpdate();
            }
            try (ResultSet rows = statement.executeQuery("SELECT id, body FROM warm")) {
                if (!rows.next()) {
                    throw new SQLException("a row just written is not read back");
                }
            }
            LOG.info("SQLite loaded ahead of the outbox in {} ms", (System.nanoTime() - started) / 1_000_000);
            return true;
        } catch (SQLException | RuntimeException | LinkageError e) {
            LOG.info("SQLite warm-up skipped: {}", e.toString());
            return false;
        }
    }
}
