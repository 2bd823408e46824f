package io.wardgate.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.receiver.Deduplicator.Verdict;
import io.wardgate.seal.envelope.SealTags;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WindowDeduplicatorTest {
    private static SealTags tags(String device, long epoch, long sequence) {
        return new SealTags("wg-1", device, epoch, sequence, Instant.EPOCH);
    }

    @Test
    void insideTheWindowEachSequenceIsNewOnceOutsideItIsStale() {
        WindowDeduplicator dedup = new WindowDeduplicator(64, 10);
        assertThat(dedup.admit(tags("d", 0, 100))).isEqualTo(Verdict.NEW);
        assertThat(dedup.admit(tags("d", 0, 40))).isEqualTo(Verdict.NEW);
        assertThat(dedup.admit(tags("d", 0, 40))).isEqualTo(Verdict.DUPLICATE);
        assertThat(dedup.peek(tags("d", 0, 36))).isEqualTo(Verdict.STALE);
        assertThat(dedup.admit(tags("d", 0, 164))).isEqualTo(Verdict.NEW);
        // Advancing the window forgets what fell out of it, and answers STALE for it rather than NEW.
        assertThat(dedup.admit(tags("d", 0, 100))).isEqualTo(Verdict.STALE);
        assertThat(dedup.admit(tags("d", 0, 101))).isEqualTo(Verdict.NEW);
        assertThat(dedup.admit(tags("d", 0, 101))).isEqualTo(Verdict.DUPLICATE);
        assertThat(dedup.admit(tags("d", 1, 0))).isEqualTo(Verdict.NEW);
        assertThat(dedup.admit(tags("e", 0, 100))).isEqualTo(Verdict.NEW);
    }

    @Test
    void peekMarksNothing() {
        WindowDeduplicator dedup = new WindowDeduplicator(64, 10);
        assertThat(dedup.peek(tags("d", 0, 5))).isEqualTo(Verdict.NEW);
        assertThat(dedup.admit(tags("d", 0, 5))).isEqualTo(Verdict.NEW);
    }

    @Test
    void memoryIsBoundedAndAnEvictedStreamIsNeverReopened() {
        WindowDeduplicator dedup = new WindowDeduplicator(64, 3);
        for (int epoch = 0; epoch < 10; epoch++) {
            assertThat(dedup.admit(tags("d", epoch, 0))).isEqualTo(Verdict.NEW);
        }
        assertThat(dedup.streamCount()).isEqualTo(3);
        assertThat(dedup.admit(tags("d", 2, 0))).isEqualTo(Verdict.STALE);
        assertThat(dedup.admit(tags("d", 2, 1))).isEqualTo(Verdict.STALE);
        assertThat(dedup.admit(tags("d", 9, 1))).isEqualTo(Verdict.NEW);
    }
}
