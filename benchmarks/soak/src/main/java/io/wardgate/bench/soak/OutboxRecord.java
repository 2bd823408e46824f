package io.wardgate.bench.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Reads what a dead gateway's outbox recorded as stored: its per-device, per-epoch highest stored
 * sequence (the table the sealer continues from). The database and its write-ahead log are copied
 * first, so SQLite's recovery on open happens on the copy and the gateway's next start finds its
 * files exactly as the kill left them.
 */
final class OutboxRecord {
    private OutboxRecord() {
    }

    /** Feeds the ledger from {@code data}/outbox/outbox.db; returns the envelopes still queued there. */
    static long read(Path data, Path scratch, Ledger ledger) throws IOException, SQLException {
        Path db = data.resolve("outbox/outbox.db");
        if (!Files.exists(db)) {
            return 0; // killed before the outbox was created
        }
        Files.createDirectories(scratch);
        Path copy = scratch.resolve("outbox.db");
        Files.deleteIfExists(scratch.resolve("outbox.db-wal"));
        Files.deleteIfExists(scratch.resolve("outbox.db-shm"));
        Files.copy(db, copy, StandardCopyOption.REPLACE_EXISTING);
        Path wal = data.resolve("outbox/outbox.db-wal");
        if (Files.exists(wal)) {
            Files.copy(wal, scratch.resolve("outbox.db-wal"), StandardCopyOption.REPLACE_EXISTING);
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + copy);
                Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT device, epoch, last FROM sequence")) {
                while (rows.next()) {
                    ledger.stored(rows.getString(1), rows.getLong(2), rows.getLong(3));
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM envelope")) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }
}
