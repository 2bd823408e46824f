package io.wardgate.driver.masimo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineFramerTest {

    /** What the framer produced, as "line@offset:text" and "error@offset:reason". */
    private static final class Recorder implements LineFramer.Sink {
        final List<String> items = new ArrayList<>();

        @Override
        public void line(long offset, String line) {
            items.add("line@" + offset + ":" + line);
        }

        @Override
        public void error(long offset, String reason) {
            items.add("error@" + offset + ":" + reason);
        }
    }

    private static List<String> frame(int maxLength, byte[] input, int chunk) {
        LineFramer framer = new LineFramer(maxLength);
        Recorder recorder = new Recorder();
        for (int i = 0; i < input.length; i += chunk) {
            framer.feed(input, i, Math.min(chunk, input.length - i), recorder);
        }
        return recorder.items;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void splitsCrLfLinesAndReportsTheOffsetOfEachLine() {
        assertThat(frame(64, ascii("ab\r\ncd\r\n"), 100)).containsExactly("line@0:ab", "line@4:cd");
    }

    @Test
    void anySplitOfTheInputGivesTheSameLines() {
        byte[] input = ascii("first line\r\nsecond\r\n\r\nthird one\r\n");
        List<String> whole = frame(64, input, input.length);
        assertThat(whole).containsExactly("line@0:first line", "line@12:second", "line@22:third one");
        for (int chunk = 1; chunk < input.length; chunk++) {
            assertThat(frame(64, input, chunk)).as("chunks of %d bytes", chunk).isEqualTo(whole);
        }
    }

    @Test
    void toleratesLfCrOrderAndSkipsBlankLines() {
        assertThat(frame(64, ascii("ab\n\rcd\n\r\n\n"), 3)).containsExactly("line@0:ab", "line@3:cd");
    }

    @Test
    void aLineOfExactlyTheMaximumLengthPasses() {
        assertThat(frame(4, ascii("abcd\nx\n"), 1)).containsExactly("line@0:abcd", "line@5:x");
    }

    @Test
    void anOverlongLineIsReportedOnceSkippedAndTheNextLineDecodes() {
        byte[] input = ascii("0123456789012345678901234567890123456789\r\nok\r\n");
        for (int chunk = 1; chunk <= input.length; chunk++) {
            assertThat(frame(8, input, chunk)).as("chunks of %d", chunk).containsExactly(
                    "error@0:line longer than 8 bytes; skipped to the next line end", "line@42:ok");
        }
    }

    @Test
    void endlessGarbageWithoutLineEndsKeepsMemoryBoundedAndReportsOnce() {
        LineFramer framer = new LineFramer(16);
        Recorder recorder = new Recorder();
        byte[] garbage = new byte[4096];
        java.util.Arrays.fill(garbage, (byte) 'x');
        for (int i = 0; i < 100; i++) {
            framer.feed(garbage, 0, garbage.length, recorder);
        }
        framer.feed(ascii("\nfine\n"), 0, 6, recorder);
        assertThat(recorder.items).containsExactly(
                "error@0:line longer than 16 bytes; skipped to the next line end", "line@409601:fine");
    }

    @Test
    void aLineWithANonPrintableByteIsAnErrorAndTheNextLineDecodes() {
        assertThat(frame(64, new byte[] {'a', 0x00, 'b', '\n', 'c', '\n'}, 1)).containsExactly(
                "error@0:line contains a byte that is not printable ASCII at position 1", "line@2:b", "line@4:c");
        assertThat(frame(64, new byte[] {'a', (byte) 0xC3, '\n'}, 1)).hasSize(1).allMatch(s -> s.startsWith("error@0"));
        assertThat(frame(64, ascii("a\rb\n"), 1)).containsExactly(
                "error@0:line contains a byte that is not printable ASCII at position 1", "line@2:b");
        assertThat(frame(64, new byte[] {0x01, 'x', 0x02, (byte) 0xFF, '\n'}, 1)).containsExactly(
                "error@0:line contains a byte that is not printable ASCII at position 0");
    }

    @Test
    void aPartialLineIsHeldUntilItsEnd() {
        LineFramer framer = new LineFramer(64);
        Recorder recorder = new Recorder();
        framer.feed(ascii("partial"), 0, 7, recorder);
        assertThat(recorder.items).isEmpty();
        framer.feed(ascii(" end\n"), 0, 5, recorder);
        assertThat(recorder.items).containsExactly("line@0:partial end");
    }

    @Test
    void resetDropsThePartialLineAndRestartsOffsets() {
        LineFramer framer = new LineFramer(64);
        Recorder recorder = new Recorder();
        framer.feed(ascii("stale"), 0, 5, recorder);
        framer.reset();
        framer.feed(ascii("new\n"), 0, 4, recorder);
        assertThat(recorder.items).containsExactly("line@0:new");
    }

    @Test
    void feedsOnlyTheGivenRange() {
        LineFramer framer = new LineFramer(64);
        Recorder recorder = new Recorder();
        framer.feed(ascii("XXab\nYY"), 2, 3, recorder);
        assertThat(recorder.items).containsExactly("line@0:ab");
        assertThatThrownBy(() -> framer.feed(new byte[2], 1, 2, recorder)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void theLimitIsCheckedUpFront() {
        assertThatThrownBy(() -> new LineFramer(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LineFramer(65_537)).isInstanceOf(IllegalArgumentException.class);
    }
}
