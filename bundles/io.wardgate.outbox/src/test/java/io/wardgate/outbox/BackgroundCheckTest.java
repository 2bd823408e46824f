package io.wardgate.outbox;

import static io.wardgate.outbox.Envelopes.T0;
import static io.wardgate.outbox.Envelopes.envelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.api.pipeline.EnvelopeTags;
import io.wardgate.api.pipeline.Precedence;
import io.wardgate.api.pipeline.SealedEnvelope;
import io.wardgate.api.pipeline.StoreOutcome;
import io.wardgate.api.pipeline.StoredEnvelope;
import io.wardgate.testkit.MutableClock;
import io.wardgate.testkit.RecordingAuditTrail;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The integrity check of the file runs after the open, in the background (issue 25: a full outbox took 20 s to
 * check before it served anything). The test starts the check when it chooses (a held executor), never by time.
 */
class BackgroundCheckTest {
    @TempDir
    Path dir;

    private final RecordingAuditTrail audit = new RecordingAuditTrail();
    private final MutableClock clock = new MutableClock(T0.plusSeconds(60));
    private final HeldChecks checks = new HeldChecks();

    @Test
    void theOutboxStoresAndHandsOutAlarmsFirstBeforeTheCheckOfItsFileHasRun() throws Exception {
        Path file = dir.resolve("outbox.db");
        backlog(file, 50);
        try (OutboxEngine outbox = open(file)) {
            OutboxCheckSection section = new OutboxCheckSection(outbox::integrity); // remote management's status
            assertThat(outbox.integrity().state()).isEqualTo(IntegrityStatus.State.RUNNING);
            assertThat(section.status()).containsEntry("state", "running");
            assertThat(section.alarms()).isEmpty();
            assertThat(outbox.store(envelope("new", 0), Precedence.ALARM)).isEqualTo(StoreOutcome.STORED);
            assertThat(outbox.store(envelope("new", 1))).isEqualTo(StoreOutcome.STORED);
            List<StoredEnvelope> first = outbox.next(10);
            assertThat(first.get(0).envelope().tags().deviceId()).isEqualTo("new"); // the alarm first
            assertThat(first).hasSize(10);
            assertThat(checks.held()).isEqualTo(1); // all of it before the check began

            checks.startAll();
            await().atMost(Duration.ofSeconds(30)).until(() -> outbox.integrity().state() != IntegrityStatus.State.RUNNING);
            assertThat(outbox.integrity().state()).isEqualTo(IntegrityStatus.State.PASSED);
            assertThat(outbox.integrity().text()).startsWith("passed at ");
            assertThat(section.status()).containsEntry("state", "passed");
            assertThat((String) section.status().get("integrityCheck")).startsWith("passed at ").endsWith(" ms");
            assertThat(outbox.status().alarm()).isEmpty();
        }
    }

    @Test
    void corruptionFoundByTheCheckMovesTheFileAsideAndTheEpochsCountGoesOn() throws Exception {
        Path file = dir.resolve("outbox.db");
        backlog(file, 2_000);
        damageALeafOfTheEvictionIndex(file);

        Set<String> received = new HashSet<>(); // what the receiver de-duplicates on
        try (OutboxEngine outbox = open(file)) {
            // served from the damaged file until the check has run: no alarm yet, nothing moved
            assertThat(outbox.status().alarm()).isEmpty();
            assertThat(outbox.status().envelopes()).isEqualTo(2_000);
            assertThat(asideFiles()).isEmpty();
            for (int sequence = 0; sequence < 3; sequence++) {
                assertThat(outbox.store(envelope("new", sequence), Precedence.ALARM)).isEqualTo(StoreOutcome.STORED);
            }
            outbox.nextAlarms(10).forEach(e -> received.add(key(e.envelope())));
            assertThat(received).hasSize(3);
            assertThat(outbox.lastSequence("new", 1)).isEqualTo(2);

            checks.startAll();
            await().atMost(Duration.ofSeconds(30)).until(() -> outbox.status().alarm().contains("corrupt"));

            assertThat(outbox.integrity().state()).isEqualTo(IntegrityStatus.State.FAILED);
            assertThat(new OutboxCheckSection(outbox::integrity).alarms()).singleElement()
                    .satisfies(alarm -> assertThat(alarm).startsWith("integrity check failed at ").doesNotContain("\n"));
            assertThat(asideFiles()).singleElement();
            assertThat(audit.withAction("OUTBOX_CORRUPT")).singleElement()
                    .satisfies(event -> assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.FAILURE));
            assertThat(outbox.status().alarm()).contains("moved aside");
            assertThat(outbox.status().envelopes()).isZero();

            // A sealer asking where the epoch's count stands (as BatchingSealer does at a device's first batch)
            // continues it: the fresh file must not answer -1, or sequence 0 would come again.
            long next = outbox.lastSequence("new", 1) + 1;
            assertThat(outbox.store(envelope("new", next), Precedence.ALARM)).isEqualTo(StoreOutcome.STORED);
            List<StoredEnvelope> after = outbox.next(10);
            assertThat(after).singleElement();
            assertThat(received).doesNotContain(key(after.get(0).envelope()));
        }
        try (OutboxEngine again = open(file)) { // the fresh file is a good one
            checks.startAll();
            await().atMost(Duration.ofSeconds(30)).until(() -> again.integrity().state() == IntegrityStatus.State.PASSED);
            assertThat(again.status().alarm()).isEmpty();
            assertThat(again.status().envelopes()).isEqualTo(1);
        }
    }

    @Test
    void aFileOfAnUnknownSchemaIsStillMovedAsideAtTheOpen() throws Exception {
        Path file = dir.resolve("outbox.db");
        backlog(file, 10);
        sql(file, "UPDATE meta SET value = 99 WHERE key = 'schema'");
        try (OutboxEngine outbox = open(file)) {
            // before any check has run
            assertThat(outbox.status().alarm()).contains("unknown schema version 99").contains("moved aside");
            assertThat(asideFiles()).singleElement();
            assertThat(outbox.store(envelope("new", 0))).isEqualTo(StoreOutcome.STORED);
        }
    }

    @Test
    void damageInWhatTheOpenReadsIsStillFoundAtTheOpen() throws Exception {
        Path file = dir.resolve("outbox.db");
        backlog(file, 2_000);
        damageFirstLeaf(file, "envelope_device"); // the open walks it for the device list
        try (OutboxEngine outbox = open(file)) { // moved aside, not thrown out of the constructor
            assertThat(outbox.status().alarm()).contains("corrupt").contains("moved aside");
            assertThat(asideFiles()).singleElement();
            assertThat(audit.withAction("OUTBOX_CORRUPT")).singleElement();
            assertThat(outbox.store(envelope("new", 0))).isEqualTo(StoreOutcome.STORED);
        }
    }

    @Test
    void closingWhileTheCheckRunsReturnsAndStopsIt() throws Exception {
        Path file = dir.resolve("outbox.db");
        backlog(file, 2_000);
        OutboxEngine outbox = open(file);
        List<Thread> running = checks.startAll();
        CompletableFuture<Void> closed = CompletableFuture.runAsync(outbox::close);
        closed.get(30, TimeUnit.SECONDS); // returns (a generous bound, not a speed)
        for (Thread thread : running) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(thread.isAlive()).isFalse();
        }
        // stopped, or done first on this small file; never left running
        assertThat(outbox.integrity().state()).isIn(IntegrityStatus.State.NOT_FINISHED, IntegrityStatus.State.PASSED);
    }

    @Test
    void aCheckCancelledBeforeItRunsReadsNothing() throws Exception {
        Path file = dir.resolve("outbox.db");
        backlog(file, 2_000);
        IntegrityCheck check = new IntegrityCheck(file);
        check.cancel();
        // cancelled before it ran: it does not read the file at all
        org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class, check::run);
        assertThat(check.cancelled()).isTrue();
        assertThat(new IntegrityCheck(file).run()).isEqualTo("ok");
    }

    private OutboxEngine open(Path file) {
        return new OutboxEngine(OutboxSettings.defaults(file), clock, () -> clock.millis() * 1_000_000L, () -> audit,
                checks);
    }

    /** A closed outbox file with {@code count} envelopes of device "old" at priority 1, sequences 0.. of epoch 1. */
    private void backlog(Path file, int count) throws Exception {
        try (OutboxEngine outbox = open(file)) {
            List<SealedEnvelope> envelopes = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                envelopes.add(envelope("old", i, 1, 100, T0.plusSeconds(i % 60)));
            }
            for (var done : outbox.storeAllAsync(envelopes, Precedence.ROUTINE)) {
                assertThat(done.toCompletableFuture().join()).isEqualTo(StoreOutcome.STORED);
            }
        }
        checks.clear();
        assertThat(file.resolveSibling(file.getFileName() + "-wal")).doesNotExist(); // all of it in the file
    }

    /**
     * Overwrites the leftmost leaf page of envelope_eviction (priority-1 entries: nothing the test stores or hands
     * out reads it), found in the file's own b-tree statistics, not at an offset of one SQLite version.
     */
    private static void damageALeafOfTheEvictionIndex(Path file) throws Exception {
        damageFirstLeaf(file, "envelope_eviction");
    }

    private static void damageFirstLeaf(Path file, String index) throws Exception {
        long page;
        long pageSize;
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT pageno FROM dbstat WHERE name = '" + index + "'"
                    + " AND pagetype = 'leaf' ORDER BY path LIMIT 1")) {
                assertThat(rows.next()).isTrue();
                page = rows.getLong(1);
            }
            try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM dbstat WHERE name = '" + index + "'"
                    + " AND pagetype = 'leaf'")) {
                rows.next();
                assertThat(rows.getLong(1)).isGreaterThan(2); // the last leaf, where new entries go, stays intact
            }
            try (ResultSet rows = statement.executeQuery("PRAGMA page_size")) {
                rows.next();
                pageSize = rows.getLong(1);
            }
        }
        byte[] garbage = new byte[(int) pageSize];
        Arrays.fill(garbage, (byte) 0x55);
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            raw.seek((page - 1) * pageSize);
            raw.write(garbage);
        }
    }

    private static void sql(Path file, String update) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            statement.executeUpdate(update);
        }
    }

    private List<Path> asideFiles() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("outbox\\.db\\.corrupt-[^-]*")).toList();
        }
    }

    private static String key(SealedEnvelope envelope) {
        EnvelopeTags tags = envelope.tags();
        return tags.gatewayId() + "/" + tags.deviceId() + "/" + tags.epoch() + "/" + tags.sequence();
    }

    /** Holds each check until the test starts it, on a thread of its own. */
    private static final class HeldChecks implements Executor {
        private final List<Runnable> held = new CopyOnWriteArrayList<>();

        @Override
        public void execute(Runnable check) {
            held.add(check);
        }

        int held() {
            return held.size();
        }

        void clear() {
            held.clear();
        }

        List<Thread> startAll() {
            List<Thread> started = new ArrayList<>();
            for (Runnable check : held) {
                Thread thread = new Thread(check, "test-outbox-check");
                thread.start();
                started.add(thread);
            }
            held.clear();
            return started;
        }
    }
}
