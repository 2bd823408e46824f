package io.wardgate.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.receiver.Deduplicator.Verdict;
import io.wardgate.receiver.WindowDeduplicator.Range;
import io.wardgate.seal.envelope.SealTags;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 25 item 4 at the receiver: after an outage the gateway sends a device's live envelopes ahead of its
 * backlog, so the backlog's lower sequence numbers arrive later, far below the de-duplication window. They are
 * backfill (accepted once), not loss and not duplicates; a replay is still refused; what never comes is a gap.
 */
class BackfillTest {
    private static final int WINDOW = 64;

    @TempDir
    Path temp;

    private static SealTags tags(long sequence) {
        return new SealTags("wg-ward-7", "serial:/dev/bed-7", 1, sequence, Instant.EPOCH);
    }

    private static Verdict admit(Deduplicator dedup, long sequence) {
        Verdict verdict = dedup.admit(tags(sequence));
        if (verdict == Verdict.NEW) {
            try {
                dedup.written(tags(sequence));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return verdict;
    }

    @Test
    void aBacklogArrivingAfterTheLiveLaneIsBackfillNotStaleAndNotADuplicate() {
        WindowDeduplicator dedup = new WindowDeduplicator(WINDOW, 100);
        for (long s = 0; s < 10; s++) {
            assertThat(admit(dedup, s)).isEqualTo(Verdict.NEW);
        }
        for (long s = 5000; s < 5003; s++) { // the live lane, after the outage
            assertThat(admit(dedup, s)).isEqualTo(Verdict.NEW);
        }
        assertThat(dedup.missing(tags(0))).containsExactly(new Range(10, 4999));
        for (long s = 10; s < 5000; s++) { // the backlog, oldest first, far below the window
            assertThat(admit(dedup, s)).as("backfill %d", s).isEqualTo(Verdict.NEW);
        }
        assertThat(dedup.missing(tags(0))).as("nothing lost").isEmpty();
        assertThat(admit(dedup, 20)).as("a replay below the window").isEqualTo(Verdict.STALE);
        assertThat(admit(dedup, 4000)).as("a replay of backfill").isEqualTo(Verdict.STALE);
        assertThat(admit(dedup, 5001)).as("a replay in the window").isEqualTo(Verdict.DUPLICATE);
    }

    @Test
    void whatNeverArrivesStaysAGap() {
        WindowDeduplicator dedup = new WindowDeduplicator(WINDOW, 100);
        admit(dedup, 0);
        admit(dedup, 1000);
        for (long s = 1; s < 500; s++) {
            admit(dedup, s);
        }
        for (long s = 600; s < 1000; s++) {
            admit(dedup, s);
        }
        assertThat(dedup.missing(tags(0))).containsExactly(new Range(500, 599));
    }

    @Test
    void backfillNotWrittenIsAcceptedWhenRedelivered() {
        WindowDeduplicator dedup = new WindowDeduplicator(WINDOW, 100);
        admit(dedup, 0);
        admit(dedup, 1000);
        assertThat(dedup.admit(tags(5))).isEqualTo(Verdict.NEW);
        dedup.notWritten(tags(5)); // a sink failed: the broker redelivers it
        assertThat(dedup.admit(tags(5))).isEqualTo(Verdict.NEW);
        assertThat(dedup.admit(tags(5))).isEqualTo(Verdict.STALE);
    }

    @Test
    void theMissingRangesSurviveARestartOfAJournalledReceiver() throws Exception {
        Path file = temp.resolve("dedup.journal");
        try (JournalDeduplicator first = new JournalDeduplicator(new WindowDeduplicator(WINDOW, 100), file, 1_000)) {
            admit(first, 0);
            admit(first, 3000); // live lane
            for (long s = 1; s < 100; s++) {
                admit(first, s);
            }
        }
        // the restart compacts the journal to the window and the missing ranges, then goes on
        try (JournalDeduplicator second = new JournalDeduplicator(new WindowDeduplicator(WINDOW, 100), file, 1_000)) {
            assertThat(admit(second, 50)).as("replay of backfill").isEqualTo(Verdict.STALE);
            assertThat(admit(second, 3000)).as("replay of live").isEqualTo(Verdict.DUPLICATE);
            assertThat(admit(second, 100)).as("the backfill goes on").isEqualTo(Verdict.NEW);
        }
        try (JournalDeduplicator third = new JournalDeduplicator(new WindowDeduplicator(WINDOW, 100), file, 1_000)) {
            assertThat(admit(third, 100)).isEqualTo(Verdict.STALE);
            assertThat(admit(third, 2999)).isEqualTo(Verdict.NEW);
        }
    }
}
