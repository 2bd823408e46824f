package io.wardgate.driver.intellivue;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wardgate.api.driver.Decoded;
import io.wardgate.api.driver.Peer;
import io.wardgate.api.driver.SessionOutput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Arbitrary datagrams into the LAN session: the first byte splits the input into datagrams. The normal
 * run replays the corpus under src/test/resources/io/wardgate/driver/intellivue/LanSessionFuzzTestInputs/fuzz
 * (the captured connect indication layout, truncated and bit-flipped ones, data PDUs); JAZZER_FUZZ=1 fuzzes.
 */
class LanSessionFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void fuzz(byte[] data) {
        List<Decoded> decoded = new ArrayList<>();
        List<byte[]> sent = new ArrayList<>();
        SessionOutput out = new SessionOutput() {
            @Override
            public void decoded(Decoded item) {
                decoded.add(item);
            }

            @Override
            public void send(byte[] bytes) {
                sent.add(bytes);
            }
        };
        LanSession session = new LanSession(new Peer("10.13.37.2", 24_105));
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        session.start(t, out);
        int size = data.length == 0 ? 1 : 1 + (data[0] & 0xFF);
        int datagrams = 0;
        for (int offset = 1; offset < data.length; offset += size, datagrams++) {
            session.receive(data, offset, Math.min(size, data.length - offset), t, out);
            t = t.plusMillis(50);
            session.tick(t, out);
        }
        assertThat(decoded).allSatisfy(d -> assertThat(d).isNotNull());
        // sends are PDUs, never MIB/RS232 frames, and bounded by the session's own queue per call
        assertThat(sent).allSatisfy(pdu -> assertThat(pdu[0] & 0xFF).isNotEqualTo(0xC0));
        assertThat(sent.size()).isLessThanOrEqualTo(4 * (2 * datagrams + 2));
    }
}
