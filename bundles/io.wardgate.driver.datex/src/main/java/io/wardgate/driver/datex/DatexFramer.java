package io.wardgate.driver.datex;

import java.util.Arrays;
import java.util.Objects;

/**
 * Finds S/5 frames in a byte stream: a record between two 0x7E flags, 0x7D escapes undone, the trailing
 * checksum byte checked and removed. The longest record is fixed up front ({@link DatexFrames#MAX_RECORD});
 * a longer frame, a bad escape or a bad checksum is reported once and skipped up to the next flag, where
 * framing resumes. After a good frame, bytes up to the next flag lie between frames: they are reported
 * once per run and can never become a record. After a broken one, the flag that ended it may as well
 * open the next frame (noise holding a 0x7E just before a real frame), so a frame starts there. Memory never grows past the limit,
 * and any split of the input (even one byte at a time) gives the same result.
 */
public final class DatexFramer {

    /** Where records and framing errors go. */
    public interface Sink {
        /** A record whose checksum matched, without flags or checksum; {@code record} is a fresh array. */
        void record(long offset, byte[] record);

        void error(long offset, String reason);
    }

    private enum State {
        /** Outside a frame: waiting for a flag. */
        BETWEEN,
        IN_FRAME,
        /** Just after 0x7D inside a frame. */
        ESCAPED,
        /** A broken frame: skipping to the next flag. */
        DISCARDING
    }

    private final byte[] buffer = new byte[DatexFrames.MAX_RECORD + 1];
    private State state = State.BETWEEN;
    private int length;
    private long frameStart;
    private long position;
    private long strayStart = -1;

    public void feed(byte[] bytes, int offset, int count, Sink sink) {
        Objects.checkFromIndexSize(offset, count, bytes.length);
        for (int i = offset; i < offset + count; i++) {
            accept(bytes[i] & 0xFF, sink);
            position++;
        }
    }

    /** Forgets any partial frame and starts counting offsets from zero again. */
    public void reset() {
        state = State.BETWEEN;
        length = 0;
        position = 0;
        strayStart = -1;
    }

    private void accept(int b, Sink sink) {
        if (b == DatexFrames.FLAG) {
            flag(sink);
            return;
        }
        switch (state) {
            case BETWEEN -> {
                if (strayStart < 0) {
                    strayStart = position;
                }
            }
            case IN_FRAME -> {
                if (b == DatexFrames.CONTROL) {
                    state = State.ESCAPED;
                } else {
                    append(b, sink);
                }
            }
            case ESCAPED -> {
                if (b != 0x5E && b != 0x5D) {
                    discard(sink, String.format("0x7D followed by 0x%02X, not 0x5E or 0x5D; frame skipped", b));
                } else {
                    state = State.IN_FRAME;
                    append(b | 0x20, sink);
                }
            }
            case DISCARDING -> {
                // skipped up to the next flag
            }
        }
    }

    private void append(int b, Sink sink) {
        if (length == buffer.length) {
            discard(sink, "frame longer than " + (DatexFrames.MAX_RECORD + 1) + " bytes; skipped to the next flag");
            return;
        }
        buffer[length++] = (byte) b;
    }

    private void discard(Sink sink, String reason) {
        sink.error(frameStart, reason);
        state = State.DISCARDING;
        length = 0;
    }

    private void flag(Sink sink) {
        if (strayStart >= 0) {
            sink.error(strayStart, (position - strayStart) + " bytes outside a frame skipped");
            strayStart = -1;
        }
        if (state == State.ESCAPED) {
            sink.error(frameStart, "0x7D followed by a flag; frame aborted");
        } else if (state == State.IN_FRAME && length > 0) {
            boolean good = endOfFrame(sink);
            length = 0;
            if (good) {
                // A closing flag: what follows up to the next flag lies between frames.
                state = State.BETWEEN;
                return;
            }
            // A broken frame may have been noise before a real frame: this flag may open that one.
        }
        // An opening flag (or a repeated one): a frame may start here.
        state = State.IN_FRAME;
        length = 0;
        frameStart = position;
    }

    private boolean endOfFrame(Sink sink) {
        if (length < 2) {
            sink.error(frameStart, "frame of " + length + " byte too short for a record and its checksum");
            return false;
        }
        int recordLength = length - 1;
        int expected = DatexFrames.checksum(buffer, 0, recordLength);
        int actual = buffer[recordLength] & 0xFF;
        if (expected != actual) {
            sink.error(frameStart, String.format("checksum 0x%02X, the record sums to 0x%02X; frame skipped", actual,
                    expected));
            return false;
        }
        sink.record(frameStart, Arrays.copyOf(buffer, recordLength));
        return true;
    }
}
