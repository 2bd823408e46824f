package io.wardgate.driver.hl7;

import java.io.ByteArrayOutputStream;

/**
 * Finds MLLP frames ({@code 0B ... 1C 0D}) in a byte stream split anywhere. Framing only: what is
 * inside is not looked at. The length limit is enforced as bytes arrive, so a frame never grows past
 * it in memory; an oversized frame is reported once and skipped up to its end (or the next start
 * block). Bytes outside frames are skipped and reported once per run (CR and LF between frames, which
 * some senders add, are skipped silently).
 */
public final class MllpFramer {
    /** What the framer found. Offsets count bytes from the first byte fed since {@link #reset}. */
    public interface Sink {
        /** A complete frame's content, without the block characters; the array is the sink's. */
        void frame(long offset, byte[] message);

        /** A frame longer than the limit; {@code prefix} holds its first {@code maxLength} bytes. */
        void oversized(long offset, byte[] prefix);

        /** Bytes skipped; framing goes on with the next start block. */
        void error(long offset, String reason);
    }

    private enum State {
        OUTSIDE,
        INSIDE,
        /** Just after 1C inside a frame: 0D must follow. */
        END_SEEN,
        /** In an oversized frame: skip to its end. */
        SKIPPING
    }

    private final int maxLength;
    private final ByteArrayOutputStream frame = new ByteArrayOutputStream();
    private State state = State.OUTSIDE;
    private long position;
    private long frameStart;
    private boolean junkReported;

    /** @param maxLength the longest message accepted, in bytes (without the block characters) */
    public MllpFramer(int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be positive");
        }
        this.maxLength = maxLength;
    }

    public void reset() {
        frame.reset();
        state = State.OUTSIDE;
        position = 0;
        junkReported = false;
    }

    /** Whether a frame has started and not ended (for the session's slow-sender timeout). */
    public boolean inFrame() {
        return state != State.OUTSIDE;
    }

    /** Offset of the frame in progress. */
    public long frameStart() {
        return frameStart;
    }

    /** Drops the frame in progress (after a timeout); the caller reports why. */
    public void abandon() {
        frame.reset();
        state = State.OUTSIDE;
    }

    public void feed(byte[] bytes, int offset, int length, Sink sink) {
        for (int i = offset; i < offset + length; i++) {
            int b = bytes[i] & 0xFF;
            step(b, sink);
            position++;
        }
    }

    private void step(int b, Sink sink) {
        switch (state) {
            case OUTSIDE -> outside(b, sink);
            case INSIDE -> inside(b, sink);
            case END_SEEN -> endSeen(b, sink);
            case SKIPPING -> skipping(b);
        }
    }

    private void outside(int b, Sink sink) {
        if (b == MllpFrames.START) {
            begin();
        } else if (b != '\r' && b != '\n' && !junkReported) {
            junkReported = true;
            sink.error(position, "bytes outside an MLLP frame (0B ... 1C 0D) skipped");
        }
    }

    private void begin() {
        frame.reset();
        frameStart = position;
        state = State.INSIDE;
        junkReported = false;
    }

    private void inside(int b, Sink sink) {
        if (b == MllpFrames.END) {
            state = State.END_SEEN;
        } else if (b == MllpFrames.START) {
            sink.error(frameStart, "MLLP frame restarted before its end block: " + frame.size() + " bytes dropped");
            begin();
        } else if (frame.size() == maxLength) {
            sink.oversized(frameStart, frame.toByteArray());
            frame.reset();
            state = State.SKIPPING;
        } else {
            frame.write(b);
        }
    }

    private void endSeen(int b, Sink sink) {
        if (b == MllpFrames.CR) {
            byte[] message = frame.toByteArray();
            frame.reset();
            state = State.OUTSIDE;
            sink.frame(frameStart, message);
        } else {
            sink.error(frameStart, "MLLP end block 1C not followed by 0D: " + frame.size() + " bytes dropped");
            frame.reset();
            state = State.OUTSIDE;
            junkReported = true;
            if (b == MllpFrames.START) {
                begin();
            }
        }
    }

    private void skipping(int b) {
        if (b == MllpFrames.START) {
            begin();
        } else if (b == MllpFrames.END) {
            // The 0D after it, if any, is skipped silently as whitespace between frames.
            state = State.OUTSIDE;
        }
    }
}
