package io.wardgate.driver.nonin;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wardgate.api.driver.Decoded;
import io.wardgate.api.driver.ProtocolSession;
import io.wardgate.sim.RecordingOutput;
import java.time.Instant;

/**
 * Any bytes, in any split, with time passing: no exception escapes, every item points inside the
 * input, output stays proportional to input. The corpus under NoninFuzzTestInputs/ replays in every
 * build; {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class NoninFuzzTest {
    private static final Instant T0 = Instant.parse("2026-01-01T08:00:00Z");

    @FuzzTest
    void df8(byte[] data) {
        check(new NoninDrivers.Df8Driver().openSession(), data);
    }

    @FuzzTest
    void df7(byte[] data) {
        check(new NoninDrivers.Df7Driver().openSession(), data);
    }

    /** The first byte picks the chunk size and the clock step, so splits and silences vary too. */
    private static void check(ProtocolSession session, byte[] data) {
        RecordingOutput out = new RecordingOutput();
        int chunk = data.length == 0 ? 1 : 1 + (data[0] & 0x0F);
        long stepMillis = data.length == 0 ? 1 : (data[0] & 0xF0) * 5L;
        Instant now = T0;
        session.start(now, out);
        for (int at = 0; at < data.length; at += chunk) {
            now = now.plusMillis(stepMillis);
            session.receive(data, at, Math.min(chunk, data.length - at), now, out);
            session.tick(now, out);
        }
        session.tick(now.plusSeconds(30), out);

        assertThat(out.items().size()).isLessThanOrEqualTo(3 * data.length + 2);
        assertThat(out.sent().size()).isLessThanOrEqualTo(FormatSelector.MAX_ATTEMPTS);
        for (Decoded item : out.items()) {
            assertThat(item.offset()).isBetween(0L, (long) data.length);
        }
    }
}
