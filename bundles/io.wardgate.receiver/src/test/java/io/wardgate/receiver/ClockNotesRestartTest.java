package io.wardgate.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wardgate.api.Decimal;
import io.wardgate.api.Observation;
import io.wardgate.api.Reading;
import io.wardgate.api.VitalSign;
import io.wardgate.receiver.GatewayClocks.EpochClock;
import io.wardgate.receiver.GatewayClocks.Key;
import io.wardgate.seal.envelope.Batch;
import io.wardgate.seal.envelope.EnvelopeOpener;
import io.wardgate.seal.envelope.OpenResult;
import io.wardgate.seal.envelope.TestKeys;
import io.wardgate.seal.envelope.TestReadings;
import io.wardgate.seal.identity.TestCa;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 item 2 at the receiver: the gateways' clock notes survive a receiver restart. The receiver's
 * components (opener, de-duplication journal, clock notes, sinks) are built, used, closed and built
 * again on the same files, as a restarted process does; the envelopes are really sealed and opened.
 */
class ClockNotesRestartTest {
    private static final Instant REAL = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    Path temp;

    private TestGateway gateway;
    private EnvelopeOpener opener;
    private final StringWriter json = new StringWriter();
    private TestClockNotes clockNotes;
    private long readingSequence;

    @BeforeEach
    void setUp() throws Exception {
        TestCa ca = new TestCa("Hospital Gateway CA");
        gateway = new TestGateway(temp.resolve("gw"), "wg-ward-7", ca);
        clockNotes = new TestClockNotes(gateway, 4);
        opener = new EnvelopeOpener(Map.of("backend-test", TestKeys.backend().getPrivate()),
                new CaSignerCheck(List.of(ca.certificate()), List.of(), List.of()));
    }

    /** A receiver process's components on the data directory's files; closing the journal ends the "process". */
    private final class Process implements AutoCloseable {
        final JournalDeduplicator journal;
        final Receiver receiver;

        Process(Path notes) throws IOException {
            Files.createDirectories(temp.resolve("data"));
            journal = new JournalDeduplicator(new WindowDeduplicator(256, 1000), temp.resolve("data/dedup.journal"),
                    1_000);
            receiver = new Receiver(opener, journal, List.of(new JsonLinesSink(json)),
                    notes == null ? new GatewayClocks() : GatewayClocks.persistent(notes));
        }

        @Override
        public void close() throws IOException {
            journal.close();
        }
    }

    private byte[] unverified(Instant at) {
        return clockNotes.unverified(at);
    }

    private byte[] synchronised(Instant old, Instant synced) {
        return clockNotes.synchronised(old, synced, 10_000);
    }

    private byte[] reading(Instant stampedAt) {
        List<Reading> readings = List.of(Observation.of(VitalSign.HEART_RATE, Decimal.ofInteger(72), Set.of(), stampedAt));
        Batch batch = new Batch(TestReadings.MONITOR, TestReadings.BED_12, "icu", readings);
        return gateway.seal(batch.streamId(), 4, readingSequence++, stampedAt, batch);
    }

    private static void accepted(Receiver receiver, byte[] envelope) throws IOException {
        assertThat(receiver.receive(null, envelope)).isInstanceOf(OpenResult.Opened.class);
    }

    private List<String> readingLines() {
        return json.toString().lines().filter(l -> l.contains("\"kind\":\"observation\"")).toList();
    }

    @Test
    void aReceiverRestartedBetweenTheNotesAndTheHeldReadingsStillReStampsThem() throws Exception {
        Path notes = temp.resolve("data/clock-notes");
        byte[] held = reading(Instant.EPOCH.plusSeconds(30)); // stamped at "1970", held in the gateway's outbox
        try (Process before = new Process(notes)) {
            accepted(before.receiver, unverified(Instant.EPOCH.plusSeconds(25)));
            accepted(before.receiver, synchronised(Instant.EPOCH.plusSeconds(100), REAL.minusSeconds(20)));
        }
        assertThat(notes).isRegularFile();
        assertThat(temp.resolve("data/clock-notes.tmp")).doesNotExist();
        try (Process after = new Process(notes)) {
            accepted(after.receiver, held);
        }
        assertThat(readingLines()).singleElement().satisfies(l -> assertThat(l)
                .contains("\"receivedAt\":\"" + REAL.minusSeconds(90) + "\"").doesNotContain("TIME_UNVERIFIED"));
    }

    @Test
    void aReceiverRestartedAfterTheUnverifiedNoteAloneStillFlagsTheReadings() throws Exception {
        Path notes = temp.resolve("data/clock-notes");
        Instant saved = REAL.minus(Duration.ofDays(3)); // fake-hwclock's time from days ago
        try (Process before = new Process(notes)) {
            accepted(before.receiver, unverified(saved));
        }
        try (Process after = new Process(notes)) {
            accepted(after.receiver, reading(saved.plusSeconds(60)));
        }
        assertThat(readingLines()).singleElement().satisfies(l -> assertThat(l)
                .contains("\"status\":[\"TIME_UNVERIFIED\"]", "\"receivedAt\":\"" + saved.plusSeconds(60) + "\""));
    }

    @Test
    void withoutTheFileARestartForgetsTheNotes() throws Exception {
        byte[] held = reading(Instant.EPOCH.plusSeconds(30));
        try (Process before = new Process(null)) {
            accepted(before.receiver, unverified(Instant.EPOCH.plusSeconds(25)));
            accepted(before.receiver, synchronised(Instant.EPOCH.plusSeconds(100), REAL.minusSeconds(20)));
        }
        try (Process after = new Process(null)) {
            accepted(after.receiver, held);
        }
        assertThat(readingLines()).singleElement().satisfies(l -> assertThat(l)
                .as("what the file is for: in memory only, the 1970 stamp goes out as it was")
                .contains("\"receivedAt\":\"" + Instant.EPOCH.plusSeconds(30) + "\""));
    }

    @Test
    void aNoteThatCannotBeSavedIsNotReceivedAndIsLearntWhenDeliveredAgain() throws Exception {
        Files.writeString(temp.resolve("blocked"), "a file where the data directory should be");
        Path notes = temp.resolve("blocked/clock-notes");
        byte[] note = unverified(REAL.minus(Duration.ofDays(1)));
        try (Process process = new Process(notes)) {
            assertThatThrownBy(() -> process.receiver.receive(null, note)).isInstanceOf(IOException.class)
                    .hasMessageContaining("not saved");
            Files.delete(temp.resolve("blocked"));
            accepted(process.receiver, note); // the broker delivers it again: not a duplicate
        }
        try (Process after = new Process(notes)) {
            accepted(after.receiver, reading(REAL.minus(Duration.ofDays(1)).plusSeconds(5)));
        }
        assertThat(readingLines()).singleElement().satisfies(l -> assertThat(l).contains("TIME_UNVERIFIED"));
    }

    @Test
    void aDamagedFileIsReadAsFarAsItGoesAndKeptAside() throws Exception {
        Path notes = temp.resolve("data/clock-notes");
        Files.createDirectories(notes.getParent());
        Files.writeString(notes, ClockNoteFile.HEADER + "\n"
                + "wg-ward-7 4 U\n"
                + "wg-ward-7 5 S not-an-instant PT1S 10\n"
                + "x".repeat(ClockNoteFile.MAX_LINE + 1) + "\n"
                + "wg-ward-7 6 S 1970-01-01T00:01:40Z PT1H 86400001\n"
                + "wg%20other 7 S 1970-01-01T00:01:40Z PT1H 10000\n", StandardCharsets.UTF_8);
        ClockNoteFile file = new ClockNoteFile(notes, 100);
        Map<Key, EpochClock> loaded = file.load();
        assertThat(loaded.keySet()).containsExactly(new Key("wg-ward-7", 4), new Key("wg other", 7));
        assertThat(loaded.get(new Key("wg other", 7)).offset()).isEqualTo(Duration.ofHours(1));
        file.save(loaded);
        assertThat(Files.readString(notes.resolveSibling("clock-notes.bad"))).contains("not-an-instant");
        assertThat(new ClockNoteFile(notes, 100).load()).isEqualTo(loaded);
        Files.writeString(notes, "something else\n");
        assertThat(new ClockNoteFile(notes, 100).load()).as("not a clock note file").isEmpty();
    }

    @Test
    void theFileIsBoundedAndKeepsTheMostRecentlyUsedEpochs() throws Exception {
        Path notes = temp.resolve("data/clock-notes");
        Map<Key, EpochClock> many = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            many.put(new Key("wg-" + i, i), EpochClock.UNVERIFIED);
        }
        new ClockNoteFile(notes, 5).save(many);
        assertThat(new ClockNoteFile(notes, 3).load().keySet()).as("the oldest go first")
                .containsExactly(new Key("wg-2", 2), new Key("wg-3", 3), new Key("wg-4", 4));
        Files.writeString(notes, ClockNoteFile.HEADER + "\n" + "wg 1 U\n".repeat(3 * ClockNoteFile.MAX_LINE));
        assertThat(new ClockNoteFile(notes, 2).load()).as("larger than any 2 notes: not read at all").isEmpty();
    }
}
