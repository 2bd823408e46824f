package io.wardgate.driver.masimo;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wardgate.api.Observation;
import io.wardgate.api.driver.Decoded;
import io.wardgate.sim.RecordingOutput;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Any bytes, split anywhere: nothing escapes, output stays proportional to input, and a good line
 * after the next line end still decodes. The regression corpus under
 * src/test/resources/io/wardgate/driver/masimo/MasimoSessionFuzzTestInputs/anyBytes runs in every
 * build; {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class MasimoSessionFuzzTest {
    /** Per line at most: identity, 8 readings, an alarm event and 8 problems; one error per bad line. */
    private static final int MAX_ITEMS_PER_LINE = 18;

    @FuzzTest
    void anyBytes(byte[] input) {
        MasimoSession session = new MasimoSession(ZoneOffset.UTC);
        RecordingOutput out = new RecordingOutput();
        Instant now = Instant.EPOCH;
        session.start(now, out);
        int chunk = input.length == 0 ? 1 : 1 + (input[0] & 0x3F);
        for (int i = 0; i < input.length; i += chunk) {
            session.receive(input, i, Math.min(chunk, input.length - i), now, out);
        }
        long lineEnds = 0;
        for (byte b : input) {
            lineEnds += b == '\n' ? 1 : 0;
        }
        assertThat(out.items()).hasSizeLessThanOrEqualTo((int) (lineEnds + 1) * MAX_ITEMS_PER_LINE);
        assertThat(out.items()).allSatisfy(item -> assertThat(item.offset()).isBetween(0L, (long) input.length));
        assertThat(out.errors()).allSatisfy(error -> assertThat(error.reason()).hasSizeLessThan(200));
        assertThat(out.sent()).isEmpty();

        out.clear();
        byte[] good = MasimoSessionTest.SPEC_EXAMPLE.getBytes(StandardCharsets.US_ASCII);
        session.receive(new byte[] {'\n'}, 0, 1, now, out);
        session.receive(good, 0, good.length, now, out);
        assertThat(out.observations()).hasSize(8).extracting(Observation::receivedAt).containsOnly(now);
        assertThat(out.items()).noneMatch(Decoded.FramingError.class::isInstance);
    }
}
