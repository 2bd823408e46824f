package io.wardgate.driver.masimo;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Splits a byte stream into text lines ended by LF. Carriage returns at either end of a line are
 * dropped (the Radical sends CR LF; a capture of a Rad-8 shows blank lines between records, so LF CR
 * is tolerated too). The longest line is fixed up front: a longer one switches the framer into a
 * discard mode that reports once, skips to the next LF and recovers there. Memory never grows past
 * the limit, whatever the input, and any split of the input (even one byte at a time) gives the
 * same result. A line with unprintable bytes is reported, and the printable text after the last of
 * them is passed on as a line (the good line that line noise ran into).
 */
final class LineFramer {

    /** Where framed lines and framing errors go. */
    interface Sink {
        /** A complete line of printable ASCII, without its terminator; never empty. */
        void line(long offset, String line);

        void error(long offset, String reason);
    }

    private static final byte LF = '\n';
    private static final byte CR = '\r';

    private final int maxLength;
    private final byte[] buffer;
    private int length;
    private long lineStart;
    private long position;
    private boolean discarding;

    /** @param maxLength the most bytes a line may have before its LF, 1 to 65536 */
    LineFramer(int maxLength) {
        if (maxLength < 1 || maxLength > 65_536) {
            throw new IllegalArgumentException("maximum line length must be 1 to 65536 bytes: " + maxLength);
        }
        this.maxLength = maxLength;
        this.buffer = new byte[maxLength];
    }

    void feed(byte[] bytes, int offset, int count, Sink sink) {
        Objects.checkFromIndexSize(offset, count, bytes.length);
        for (int i = offset; i < offset + count; i++) {
            byte b = bytes[i];
            position++;
            if (b == LF) {
                endOfLine(sink);
                lineStart = position;
            } else if (!discarding) {
                if (length == maxLength) {
                    discarding = true;
                    length = 0;
                    sink.error(lineStart, "line longer than " + maxLength + " bytes; skipped to the next line end");
                } else {
                    buffer[length++] = b;
                }
            }
        }
    }

    /** Forgets any partial line and starts counting offsets from zero again. */
    void reset() {
        length = 0;
        lineStart = 0;
        position = 0;
        discarding = false;
    }

    /**
     * Noise can run into the next line when no line end separates them: the printable text after the
     * last unprintable byte is passed on as a line of its own, at its own offset (the session decides
     * whether a line really starts there).
     */
    private void printableTail(int firstBad, int end, Sink sink) {
        int last = firstBad;
        for (int i = firstBad; i < end; i++) {
            if (buffer[i] < 0x20 || buffer[i] > 0x7E) {
                last = i;
            }
        }
        if (last + 1 < end) {
            sink.line(lineStart + last + 1, new String(buffer, last + 1, end - last - 1, StandardCharsets.US_ASCII));
        }
    }

    private void endOfLine(Sink sink) {
        if (discarding) {
            discarding = false;
            length = 0;
            return;
        }
        int start = 0;
        int end = length;
        while (start < end && buffer[start] == CR) {
            start++;
        }
        while (end > start && buffer[end - 1] == CR) {
            end--;
        }
        length = 0;
        if (start == end) {
            return;
        }
        for (int i = start; i < end; i++) {
            if (buffer[i] < 0x20 || buffer[i] > 0x7E) {
                sink.error(lineStart, "line contains a byte that is not printable ASCII at position " + (i - start));
                printableTail(i, end, sink);
                return;
            }
        }
        sink.line(lineStart, new String(buffer, start, end - start, StandardCharsets.US_ASCII));
    }
}
