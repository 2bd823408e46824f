package io.wardgate.driver.datex;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wardgate.sim.FuzzFeed;
import io.wardgate.sim.RecordingOutput;
import java.time.Instant;

/**
 * Any bytes, split anywhere: nothing escapes, output stays proportional to input, and a good frame after
 * the next flag still decodes. The regression corpus under
 * src/test/resources/io/wardgate/driver/datex/DatexSessionFuzzTestInputs/anyBytes runs in every build;
 * {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class DatexSessionFuzzTest {
    /** A record is at least 40 bytes and 2 flags; it holds at most 8 subrecords of a few readings each. */
    private static final int MAX_ITEMS_PER_BYTE = 1;

    @FuzzTest
    void anyBytes(byte[] input) {
        DatexSession session = new DatexSession();
        RecordingOutput out = new RecordingOutput();
        Instant now = Instant.EPOCH;
        session.start(now, out);
        FuzzFeed.inChunks(session, input, now, out);
        assertThat(out.items()).hasSizeLessThanOrEqualTo(input.length * MAX_ITEMS_PER_BYTE + 8);
        assertThat(out.items()).allSatisfy(item -> assertThat(item.offset()).isBetween(0L, (long) input.length));
        assertThat(out.errors()).allSatisfy(error -> assertThat(error.reason()).hasSizeLessThan(200));

        out.clear();
        byte[] good = DatexFrames.frame(Records.displayed(Records.adult()));
        session.receive(new byte[] {0x7E}, 0, 1, now, out);
        session.receive(good, 0, good.length, now, out);
        assertThat(out.observations()).hasSize(13);
    }
}
