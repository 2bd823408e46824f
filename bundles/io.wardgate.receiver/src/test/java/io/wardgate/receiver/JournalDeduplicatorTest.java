package io.wardgate.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wardgate.api.Reading;
import io.wardgate.seal.envelope.EnvelopeOpener;
import io.wardgate.seal.envelope.OpenResult;
import io.wardgate.seal.envelope.SealTags;
import io.wardgate.seal.envelope.TestKeys;
import io.wardgate.seal.envelope.TestReadings;
import io.wardgate.seal.identity.TestCa;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Security review finding 8, second half: de-duplication survives a receiver restart. */
class JournalDeduplicatorTest {
    private static final List<Reading> ONE = List.of(TestReadings.everyVitalSign().get(1));
    @TempDir
    Path temp;

    private JournalDeduplicator journal() throws IOException {
        return new JournalDeduplicator(new WindowDeduplicator(256, 1000), temp.resolve("dedup.journal"), 1_000);
    }

    private static SealTags tags(String device, long sequence) {
        return new SealTags("wg-ward-7", device, 1, sequence, Instant.EPOCH);
    }

    @Test
    void aReplayAfterAReceiverRestartIsStillADuplicate() throws Exception {
        TestCa ca = new TestCa("Hospital Gateway CA");
        TestGateway gateway = new TestGateway(temp.resolve("gw"), "wg-ward-7", ca);
        byte[] envelope = gateway.seal(1, 0, ONE);
        StringWriter out = new StringWriter();
        EnvelopeOpener opener = new EnvelopeOpener(Map.of("backend-test", TestKeys.backend().getPrivate()),
                new CaSignerCheck(List.of(ca.certificate()), List.of(), List.of()));
        try (JournalDeduplicator first = journal()) {
            assertThat(new Receiver(opener, first, List.of(new JsonLinesSink(out))).receive(gateway.topic(), envelope))
                    .isInstanceOf(OpenResult.Opened.class);
        }
        try (JournalDeduplicator restarted = journal()) {
            OpenResult replay = new Receiver(opener, restarted, List.of(new JsonLinesSink(out)))
                    .receive(gateway.topic(), envelope);
            assertThat(replay).isInstanceOf(OpenResult.Rejected.class);
            assertThat(((OpenResult.Rejected) replay).reason()).isEqualTo(OpenResult.Reason.DUPLICATE);
        }
        assertThat(out.toString().lines()).hasSize(1);
    }

    @Test
    void onlyWrittenEnvelopesAreRememberedAndAFailedSinkLetsTheRedeliveryIn() throws Exception {
        try (JournalDeduplicator dedup = journal()) {
            assertThat(dedup.admit(tags("dev a", 1))).isEqualTo(Deduplicator.Verdict.NEW);
            dedup.written(tags("dev a", 1));
            assertThat(dedup.admit(tags("dev a", 2))).isEqualTo(Deduplicator.Verdict.NEW);
            dedup.notWritten(tags("dev a", 2));
            assertThat(dedup.admit(tags("dev a", 2))).as("redelivery after a failed sink").isEqualTo(Deduplicator.Verdict.NEW);
            assertThat(dedup.admit(tags("dev a", 3))).isEqualTo(Deduplicator.Verdict.NEW);
        }
        try (JournalDeduplicator restarted = journal()) {
            assertThat(restarted.peek(tags("dev a", 1))).isEqualTo(Deduplicator.Verdict.DUPLICATE);
            // Admitted but never confirmed as written (a crash before the sink finished): accepted again.
            assertThat(restarted.peek(tags("dev a", 3))).isEqualTo(Deduplicator.Verdict.NEW);
        }
    }

    @Test
    void compactionKeepsWhatTheWindowsHoldAndEvictedEpochFloors() throws Exception {
        SealTags otherEpoch = new SealTags("wg-ward-7", "dev-3", 4, 0, Instant.EPOCH);
        try (JournalDeduplicator dedup = new JournalDeduplicator(new WindowDeduplicator(64, 2),
                temp.resolve("dedup.journal"), 1_000)) {
            dedup.admit(tags("dev-1", 0));
            dedup.written(tags("dev-1", 0));
            for (long sequence = 0; sequence < 1_200; sequence++) {
                dedup.admit(tags("dev-2", sequence));
                dedup.written(tags("dev-2", sequence));
            }
            // Two streams at most: dev-1's, the least recently used, is evicted.
            dedup.admit(otherEpoch);
            dedup.written(otherEpoch);
        }
        assertThat(Files.readAllLines(temp.resolve("dedup.journal")).size()).as("compacted").isLessThan(1_000);
        try (JournalDeduplicator restarted = new JournalDeduplicator(new WindowDeduplicator(64, 2),
                temp.resolve("dedup.journal"), 1_000)) {
            assertThat(restarted.peek(tags("dev-2", 1_199))).isEqualTo(Deduplicator.Verdict.DUPLICATE);
            assertThat(restarted.peek(tags("dev-2", 1_150))).isEqualTo(Deduplicator.Verdict.DUPLICATE);
            assertThat(restarted.peek(tags("dev-2", 100))).isEqualTo(Deduplicator.Verdict.STALE);
            assertThat(restarted.peek(otherEpoch)).isEqualTo(Deduplicator.Verdict.DUPLICATE);
            assertThat(restarted.peek(tags("dev-1", 0))).as("evicted epoch floor").isEqualTo(Deduplicator.Verdict.STALE);
        }
    }

    @Test
    void aTornLastLineIsDroppedAndAnyOtherBadLineStopsTheStart() throws Exception {
        Path file = temp.resolve("dedup.journal");
        Files.writeString(file, "A wg-ward-7 1 5 dev a\nA wg-ward-7 1 6 de", StandardCharsets.US_ASCII);
        try (JournalDeduplicator restarted = journal()) {
            assertThat(restarted.peek(tags("dev a", 5))).isEqualTo(Deduplicator.Verdict.DUPLICATE);
            assertThat(restarted.peek(tags("dev a", 6))).isEqualTo(Deduplicator.Verdict.NEW);
        }
        Files.writeString(file, "A wg-ward-7 x 5 dev a\n", StandardCharsets.US_ASCII, StandardOpenOption.APPEND);
        assertThatThrownBy(this::journal).isInstanceOf(IOException.class).hasMessageContaining("line 2");
    }
}
