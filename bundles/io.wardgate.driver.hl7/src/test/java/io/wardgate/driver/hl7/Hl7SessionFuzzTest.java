package io.wardgate.driver.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wardgate.api.driver.Decoded;
import io.wardgate.api.driver.ProtocolSession;
import io.wardgate.sim.FuzzFeed;
import java.time.Instant;
import java.util.Set;

/**
 * Any bytes into the HL7 session (framer, HAPI, OBX reading, ACK building): it never throws, every
 * item it reports is well-formed, and everything it sends is one MLLP frame holding an acknowledgement.
 * Without JAZZER_FUZZ it replays the corpus in Hl7SessionFuzzTestInputs/anyBytes (the example messages,
 * truncated, oversized, nested and garbled frames); {@code JAZZER_FUZZ=1} fuzzes.
 */
class Hl7SessionFuzzTest {
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    @FuzzTest
    void anyBytes(byte[] input) {
        ProtocolSession session = Hl7SessionTest.session(4096);
        PolicyOutput out = new PolicyOutput(Set.of("", "0019C5FFFE4A3B2C"));
        session.start(NOW, out);
        FuzzFeed.inChunks(session, input, NOW, out);
        session.tick(NOW.plus(Hl7Session.FRAME_TIMEOUT).plusSeconds(1), out);

        for (Decoded item : out.recorded.items()) {
            assertThat(item.offset()).isBetween(0L, (long) input.length);
        }
        for (String ack : out.acks()) {
            assertThat(ack).startsWith("MSH").contains("\rMSA" + ack.charAt(3));
        }
    }
}
