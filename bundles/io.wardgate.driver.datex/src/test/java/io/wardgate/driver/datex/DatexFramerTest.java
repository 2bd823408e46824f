package io.wardgate.driver.datex;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Framing (M1017617, "Frame structure", "Data transparency", "Checksum"): splits, damage and recovery. */
class DatexFramerTest {
    private final List<byte[]> records = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private final List<Long> offsets = new ArrayList<>();
    private final DatexFramer framer = new DatexFramer();
    private final DatexFramer.Sink sink = new DatexFramer.Sink() {
        @Override
        public void record(long offset, byte[] record) {
            records.add(record);
            offsets.add(offset);
        }

        @Override
        public void error(long offset, String reason) {
            errors.add(offset + ": " + reason);
        }
    };

    private static final byte[] DISPLAYED = Records.displayed(Records.adult());
    private static final byte[] ESCAPY = {0x7E, 0x7D, 0x7E, 0x7D, 0x00};

    private void feed(byte[] bytes) {
        framer.feed(bytes, 0, bytes.length, sink);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void byteAtATimeGivesTheSameRecordsAndOffsets() {
        byte[] stream = concat(DatexFrames.frame(DISPLAYED), DatexFrames.frame(ESCAPY), DatexFrames.frame(DISPLAYED));
        for (byte b : stream) {
            framer.feed(new byte[] {b}, 0, 1, sink);
        }
        assertThat(errors).isEmpty();
        assertThat(records).hasSize(3);
        assertThat(records.get(1)).isEqualTo(ESCAPY);
        assertThat(records.get(2)).isEqualTo(DISPLAYED);
        int first = DatexFrames.frame(DISPLAYED).length;
        assertThat(offsets).containsExactly(0L, (long) first, (long) first + DatexFrames.frame(ESCAPY).length);
    }

    @Test
    void everySingleBitFlipIsCaughtOrChangesNothingAndTheNextFrameDecodes() {
        byte[] frame = DatexFrames.frame(ESCAPY);
        for (int bit = 8; bit < (frame.length - 1) * 8; bit++) {
            records.clear();
            errors.clear();
            framer.reset();
            byte[] damaged = frame.clone();
            damaged[bit / 8] ^= (byte) (1 << (bit % 8));
            feed(concat(damaged, DatexFrames.frame(DISPLAYED)));
            assertThat(records).as("bit " + bit).isNotEmpty();
            assertThat(records.get(records.size() - 1)).as("bit " + bit).isEqualTo(DISPLAYED);
            assertThat(records.subList(0, records.size() - 1)).as("bit " + bit)
                    .noneMatch(r -> java.util.Arrays.equals(r, ESCAPY));
            assertThat(errors).as("bit " + bit).isNotEmpty();
        }
    }

    @Test
    void aBadChecksumIsReportedAndSkipped() {
        byte[] frame = DatexFrames.frame(DISPLAYED);
        frame[frame.length - 2] ^= 0x01;
        feed(concat(frame, DatexFrames.frame(DISPLAYED)));
        assertThat(records).hasSize(1);
        assertThat(errors).singleElement().asString().startsWith("0: checksum 0x");
    }

    @Test
    void aTooLargeFrameIsSkippedWithoutGrowingAndTheNextOneDecodes() {
        byte[] huge = new byte[10_000];
        java.util.Arrays.fill(huge, (byte) 0x41);
        huge[0] = 0x7E;
        huge[huge.length - 1] = 0x7E;
        feed(concat(huge, DatexFrames.frame(DISPLAYED)));
        assertThat(errors).singleElement().asString().contains("frame longer than 1491 bytes");
        assertThat(records).singleElement().isEqualTo(DISPLAYED);
    }

    @Test
    void bytesBetweenFramesAreReportedOnceAndCannotPassAsARecord() {
        byte[] noise = {0x31, 0x00, 0x00, 0x0A, 0x55};
        feed(concat(DatexFrames.frame(DISPLAYED), noise, DatexFrames.frame(DISPLAYED)));
        assertThat(records).hasSize(2);
        assertThat(errors).singleElement().asString().endsWith("5 bytes outside a frame skipped");
    }

    @Test
    void aBadEscapeOrAnAbortSkipsTheFrame() {
        feed(concat(new byte[] {0x7E, 0x01, 0x7D, 0x41, 0x02, 0x7E}, new byte[] {0x7E, 0x01, 0x7D, 0x7E},
                DatexFrames.frame(DISPLAYED)));
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0)).contains("0x7D followed by 0x41");
        assertThat(errors.get(1)).contains("0x7D followed by a flag");
        assertThat(records).singleElement().isEqualTo(DISPLAYED);
    }
}
