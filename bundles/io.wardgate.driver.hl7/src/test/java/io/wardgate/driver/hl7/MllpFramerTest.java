package io.wardgate.driver.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MLLP framing (HL7 MLLP release 2: 0B message 1C 0D) apart from any HL7 content. */
class MllpFramerTest {
    private final List<String> found = new ArrayList<>();
    private final MllpFramer framer = new MllpFramer(16);
    private final MllpFramer.Sink sink = new MllpFramer.Sink() {
        @Override
        public void frame(long offset, byte[] message) {
            found.add(offset + " frame " + new String(message, StandardCharsets.ISO_8859_1));
        }

        @Override
        public void oversized(long offset, byte[] prefix) {
            found.add(offset + " oversized " + prefix.length);
        }

        @Override
        public void error(long offset, String reason) {
            found.add(offset + " error " + reason);
        }
    };

    private void feed(String hex) {
        byte[] bytes = java.util.HexFormat.of().parseHex(hex);
        framer.feed(bytes, 0, bytes.length, sink);
    }

    @Test
    void findsFramesAndSkipsLineEndsBetweenThem() {
        feed("0b41421c0d" + "0d0a" + "0b431c0d");
        assertThat(found).containsExactly("0 frame AB", "7 frame C");
    }

    @Test
    void anOversizedFrameIsReportedOnceWithItsPrefixAndSkippedToItsEnd() {
        feed("0b" + "41".repeat(40) + "1c0d" + "0b5a1c0d");
        assertThat(found).containsExactly("0 oversized 16", "43 frame Z");
    }

    @Test
    void aMissingCrAfterTheEndBlockOrANewStartDropsTheFrame() {
        feed("0b41421c41" + "0b4344" + "0b451c0d");
        assertThat(found).containsExactly("0 error MLLP end block 1C not followed by 0D: 2 bytes dropped",
                "5 error MLLP frame restarted before its end block: 2 bytes dropped", "8 frame E");
    }

    @Test
    void junkOutsideFramesIsReportedOncePerRun() {
        feed("ffee" + "0b411c0d" + "dd" + "cc");
        assertThat(found).containsExactly("0 error bytes outside an MLLP frame (0B ... 1C 0D) skipped", "2 frame A",
                "6 error bytes outside an MLLP frame (0B ... 1C 0D) skipped");
    }
}
