package io.wardgate.driver.nonin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The framer alone, with a toy format: 3-byte frames {@code Ax b c} where c = b + 1. */
class SyncFramerTest {
    private static final FrameCheck TOY = new FrameCheck() {
        @Override
        public String startProblem(int firstByte) {
            return (firstByte & 0xF0) == 0xA0 ? null : "not Ax";
        }

        @Override
        public String frameProblem(byte[] bytes, int start) {
            return startProblem(bytes[start] & 0xFF) == null && bytes[start + 2] == bytes[start + 1] + 1 ? null
                    : "bad toy frame";
        }
    };

    private final SyncFramer framer = new SyncFramer(3, TOY);
    private long offset;
    private final List<String> events = new ArrayList<>();
    private final SyncFramer.Sink sink = new SyncFramer.Sink() {
        @Override
        public void frame(long offset, byte[] frame) {
            events.add("frame@" + offset);
        }

        @Override
        public void skipped(long offset, long count, String reason) {
            events.add("skipped@" + offset + "x" + count);
        }

        @Override
        public void lost() {
            events.add("lost");
        }
    };

    @Test
    void locksOnlyOnTwoConsecutiveGoodFrames() {
        feed(0xA0, 1, 2, 0xA0, 5);
        assertThat(events).isEmpty();
        feed(6);
        assertThat(events).containsExactly("frame@0", "frame@3");
        assertThat(framer.locked()).isTrue();
    }

    @Test
    void aFalseStartInsideGarbageIsSkippedByteByByte() {
        // A0 07 08 would be a frame, but what follows it is not: the framer slides past it.
        feed(0xA0, 7, 8, 0x11, 0xA1, 3, 4, 0xA2, 9, 10);
        assertThat(events).containsExactly("skipped@0x4", "frame@4", "frame@7");
    }

    @Test
    void aBadFrameWhileLockedBreaksContinuityAndIsReportedWhenLockedAgain() {
        feed(0xA0, 1, 2, 0xA0, 1, 2, 0xA0, 1, 9, 0xA0, 1, 2, 0xA0, 1, 2);
        assertThat(events).containsExactly("frame@0", "frame@3", "lost", "skipped@6x3", "frame@9", "frame@12");
    }

    @Test
    void endlessGarbageIsReportedInBoundedRuns() {
        for (int i = 0; i < 3 * SyncFramer.MAX_SKIP_REPORT + 10; i++) {
            framer.accept((byte) 0x00, i, sink);
        }
        framer.idle(sink);
        assertThat(events).containsExactly("skipped@0x1024", "skipped@1024x1024", "skipped@2048x1024",
                "skipped@3072x10");
    }

    @Test
    void silenceConfirmsALoneGoodFrame() {
        feed(0xA0, 1, 2);
        framer.idle(sink);
        assertThat(events).containsExactly("frame@0");
        assertThat(framer.locked()).isTrue();
    }

    private void feed(int... bytes) {
        for (int b : bytes) {
            framer.accept((byte) b, offset++, sink);
        }
    }
}
