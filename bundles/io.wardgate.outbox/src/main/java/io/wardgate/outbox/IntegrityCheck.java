package io.wardgate.outbox;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.sqlite.SQLiteConfig;

/**
 * {@code PRAGMA quick_check(1)} on a read-only connection of its own, so that the outbox serves while the check
 * reads the whole file (in WAL mode a reader blocks no writer). One check per object, run once.
 * {@link #cancel} interrupts it (Statement.cancel is sqlite3_interrupt; closing the connection instead would
 * wait for the check to end: 18.5 s of a 20 s cold check of a full outbox, measured).
 */
final class IntegrityCheck {
    private final Path file;
    private final Object lock = new Object();
    private final CountDownLatch ended = new CountDownLatch(1);
    private Statement running; // under lock
    private boolean cancelled; // under lock
    private boolean started; // under lock

    IntegrityCheck(Path file) {
        this.file = file;
    }

    /**
     * Runs the check: "ok", or the first problem SQLite found (page numbers, index names; never row content).
     *
     * @throws SQLException when it could not run, was cancelled ({@link #cancelled()}), or the file is damaged
     *     in a way that stops the check itself (then with SQLITE_CORRUPT or SQLITE_NOTADB)
     */
    String run() throws SQLException {
        synchronized (lock) {
            started = true;
        }
        try {
            SQLiteConfig config = new SQLiteConfig();
            config.setReadOnly(true);
            config.setBusyTimeout(5_000);
            try (Connection connection = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
                    Statement statement = connection.createStatement()) {
                synchronized (lock) {
                    if (cancelled) {
                        throw new SQLException("integrity check cancelled before it started");
                    }
                    running = statement;
                }
                try (ResultSet rows = statement.executeQuery("PRAGMA quick_check(1)")) {
                    return rows.next() ? rows.getString(1) : "";
                } finally {
                    synchronized (lock) {
                        running = null;
                    }
                }
            }
        } finally {
            ended.countDown();
        }
    }

    /** Interrupts a running check (or stops one not started); returns at once. */
    void cancel() {
        synchronized (lock) {
            cancelled = true;
            if (running != null) {
                try {
                    running.cancel();
                } catch (SQLException e) {
                    // the statement has ended meanwhile: nothing to interrupt
                }
            }
        }
    }

    boolean cancelled() {
        synchronized (lock) {
            return cancelled;
        }
    }

    /** Waits up to {@code millis} for a started check to end (connection closed); true if none runs. */
    boolean awaitEnd(long millis) throws InterruptedException {
        synchronized (lock) {
            if (!started) {
                return true;
            }
        }
        return ended.await(millis, TimeUnit.MILLISECONDS);
    }
}
