package io.wardgate.outbox;

import static io.wardgate.outbox.Envelopes.T0;
import static io.wardgate.outbox.Envelopes.envelope;
import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.pipeline.Precedence;
import io.wardgate.api.pipeline.SealedEnvelope;
import io.wardgate.api.pipeline.StoreOutcome;
import io.wardgate.testkit.MutableClock;
import io.wardgate.testkit.RecordingAuditTrail;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long read (the background integrity check) keeps SQLite from restarting the -wal file, which then grows with
 * every commit; once the read has ended the file shrinks back to the store's limit instead of keeping its size.
 */
class WalLimitTest {
    @TempDir
    Path dir;

    @Test
    void theWalGrownDuringALongReadShrinksBackOnceTheReadHasEnded() throws Exception {
        Path file = dir.resolve("outbox.db");
        Path wal = dir.resolve("outbox.db-wal");
        MutableClock clock = new MutableClock(T0.plusSeconds(60));
        try (OutboxEngine outbox = new OutboxEngine(OutboxSettings.defaults(file), clock,
                () -> clock.millis() * 1_000_000L, RecordingAuditTrail::new, check -> { })) {
            long sequence = 0;
            try (Connection reader = DriverManager.getConnection("jdbc:sqlite:" + file);
                    Statement statement = reader.createStatement()) {
                statement.execute("BEGIN");
                try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM envelope")) {
                    rows.next(); // the read transaction holds its snapshot from here
                }
                while (Files.size(wal) < 2 * SqliteStore.WAL_LIMIT_BYTES) {
                    List<SealedEnvelope> run = new ArrayList<>();
                    for (int i = 0; i < 10; i++, sequence++) {
                        run.add(envelope("a", sequence, 5, 40_000, T0));
                    }
                    outbox.storeAllAsync(run, Precedence.ROUTINE).forEach(f -> f.toCompletableFuture().join());
                }
                statement.execute("COMMIT");
            }
            // the next commits checkpoint all of it (no reader left) and start the -wal over
            for (int i = 0; i < 3; i++, sequence++) {
                assertThat(outbox.store(envelope("a", sequence))).isEqualTo(StoreOutcome.STORED);
            }
            assertThat(Files.size(wal)).isLessThanOrEqualTo(SqliteStore.WAL_LIMIT_BYTES);
        }
    }
}
