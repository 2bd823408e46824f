package io.wardgate.driver.medibus;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wardgate.sim.FuzzFeed;
import io.wardgate.sim.RecordingOutput;
import java.time.Instant;

/**
 * Any bytes, split anywhere: nothing escapes, output stays proportional to input, and after the bytes the
 * dialogue still works (ICC answered, identification read). The regression corpus under
 * src/test/resources/io/wardgate/driver/medibus/MedibusSessionFuzzTestInputs/anyBytes runs in every build;
 * {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class MedibusSessionFuzzTest {

    @FuzzTest
    void anyBytes(byte[] input) {
        MedibusSession session = new MedibusSession();
        RecordingOutput out = new RecordingOutput();
        Instant now = Instant.EPOCH;
        session.start(now, out);
        FuzzFeed.inChunks(session, input, now, out);
        // An item is at least 6 bytes of a message; each error or answer needs at least one byte.
        assertThat(out.items()).hasSizeLessThanOrEqualTo(input.length + 4);
        assertThat(out.sent()).hasSizeLessThanOrEqualTo(input.length + 4);
        assertThat(out.items()).allSatisfy(item -> assertThat(item.offset()).isBetween(0L, (long) input.length));

        out.clear();
        Instant later = now.plusSeconds(20);
        session.receive(new byte[] {0x0D}, 0, 1, later, out);
        session.tick(later, out);
        byte[] icc = MedibusFrames.response(MedibusFrames.ICC, "");
        session.receive(icc, 0, icc.length, later, out);
        byte[] id = MedibusFrames.response(MedibusFrames.DEVICE_ID, "8888'Evita 4'04.03:04.03");
        session.receive(id, 0, id.length, later, out);
        assertThat(out.identities()).hasSize(1);
    }
}
