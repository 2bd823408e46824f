package io.wardgate.driver.intellivue;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Arbitrary bytes into the frame decoder. The normal test run replays the checked-in corpus under
 * src/test/resources/io/wardgate/driver/intellivue/FrameDecoderFuzzTestInputs/fuzz (good frames,
 * truncated, escaped, aborted, oversized); {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class FrameDecoderFuzzTest {
    private static final int MAX = 128;

    @FuzzTest(maxDuration = "60s")
    void fuzz(byte[] data) {
        RecordingSink whole = new RecordingSink();
        FrameDecoder decoder = new FrameDecoder(MAX);
        int chunk = data.length == 0 ? 1 : 1 + (data[0] & 0x0F);
        for (int offset = 0; offset < data.length; offset += chunk) {
            decoder.feed(data, offset, Math.min(chunk, data.length - offset), whole);
        }
        RecordingSink bytewise = new RecordingSink();
        FrameDecoder second = new FrameDecoder(MAX);
        for (int i = 0; i < data.length; i++) {
            second.feed(data, i, 1, bytewise);
        }

        assertThat(decoder.position()).isEqualTo(data.length);
        // every frame or error is reported at most once per input byte (plus the last pending one)
        assertThat(whole.events.size()).isLessThanOrEqualTo(data.length + 1);
        assertThat(whole.frames).allSatisfy(frame -> {
            assertThat(frame.userData().length).isLessThanOrEqualTo(MAX - FrameDecoder.OVERHEAD);
            assertThat(frame.offset()).isBetween(0L, (long) data.length - 1);
        });
        assertThat(whole.errors).allSatisfy(error -> assertThat(error.offset()).isBetween(0L, (long) data.length - 1));
        // the split of the stream never changes what is found
        assertThat(bytewise.userDataHex()).isEqualTo(whole.userDataHex());
        assertThat(bytewise.errors).isEqualTo(whole.errors);
    }
}
