package io.wardgate.driver.nonin;

import java.util.Arrays;

/**
 * Finds fixed-length frames in a byte stream that has no delimiters, byte at a time.
 *
 * <p>Hunting (at the start and after any bad frame), it needs two consecutive good frames before it
 * trusts the boundary, sliding one byte at a time past anything that does not fit; a complete good
 * frame followed by silence (see {@link #idle}) counts as confirmed too, because devices pause
 * between frames, never inside one. Locked, it checks every frame and goes back to hunting at the
 * first bad one. Skipped bytes are reported as one run when the framer locks again, when the run
 * reaches {@value #MAX_SKIP_REPORT} bytes, or when the line goes quiet. Memory is two frames.
 */
final class SyncFramer {

    /** Where frames and skipped runs go. */
    interface Sink {
        void frame(long offset, byte[] frame);

        void skipped(long offset, long count, String reason);

        /** The frames before and after this call are not consecutive. */
        void lost();
    }

    static final int MAX_SKIP_REPORT = 1024;

    private final int frameLength;
    private final FrameCheck check;
    private final byte[] window;
    private int filled;
    private long windowOffset;
    private boolean locked;
    private long skipOffset;
    private int skipCount;
    private String skipReason;

    SyncFramer(int frameLength, FrameCheck check) {
        if (frameLength < 1 || frameLength > 64) {
            throw new IllegalArgumentException("frame length 1 to 64, not " + frameLength);
        }
        this.frameLength = frameLength;
        this.check = check;
        this.window = new byte[2 * frameLength];
    }

    /** Whether no frame is under way: the next byte would start one. */
    boolean atFrameStart() {
        return filled == 0;
    }

    boolean locked() {
        return locked;
    }

    void accept(byte b, long offset, Sink sink) {
        if (filled == 0) {
            windowOffset = offset;
        }
        window[filled++] = b;
        if (locked) {
            if (filled < frameLength) {
                return;
            }
            String problem = check.frameProblem(window, 0);
            if (problem == null) {
                filled = 0;
                sink.frame(windowOffset, Arrays.copyOf(window, frameLength));
                return;
            }
            locked = false;
            sink.lost();
            skipFirst(problem, sink);
        }
        hunt(sink);
    }

    /** The line has been quiet for a while: settle what is pending (see the class comment). */
    void idle(Sink sink) {
        boolean confirmedBySilence = !locked && filled >= frameLength && check.frameProblem(window, 0) == null;
        if (confirmedBySilence) {
            reportSkipped(sink);
            sink.frame(windowOffset, Arrays.copyOf(window, frameLength));
            shift(frameLength);
        }
        if (filled > 0) {
            if (skipCount == 0) {
                skipOffset = windowOffset;
                skipReason = "incomplete frame (" + filled + " of " + frameLength + " bytes, then silence)";
            }
            skipCount += filled;
            filled = 0;
            if (locked || confirmedBySilence) {
                sink.lost();
            }
            locked = false;
        } else {
            locked = locked || confirmedBySilence;
        }
        reportSkipped(sink);
    }

    /** Forget everything (the line was re-opened). */
    void reset() {
        filled = 0;
        locked = false;
        skipCount = 0;
        skipReason = null;
    }

    private void hunt(Sink sink) {
        while (filled > 0) {
            String problem = huntProblem();
            if (problem != null) {
                skipFirst(problem, sink);
                continue;
            }
            if (filled == 2 * frameLength) {
                reportSkipped(sink);
                locked = true;
                filled = 0;
                sink.frame(windowOffset, Arrays.copyOfRange(window, 0, frameLength));
                sink.frame(windowOffset + frameLength, Arrays.copyOfRange(window, frameLength, 2 * frameLength));
            }
            return;
        }
    }

    /** Why the window cannot be the start of two consecutive frames, judging what has arrived. */
    private String huntProblem() {
        String problem = check.startProblem(window[0] & 0xFF);
        if (problem == null && filled >= frameLength) {
            problem = check.frameProblem(window, 0);
        }
        if (problem == null && filled > frameLength) {
            problem = check.startProblem(window[frameLength] & 0xFF);
        }
        if (problem == null && filled == 2 * frameLength) {
            problem = check.frameProblem(window, frameLength);
        }
        return problem;
    }

    private void skipFirst(String problem, Sink sink) {
        if (skipCount == 0) {
            skipOffset = windowOffset;
            skipReason = problem;
        }
        skipCount++;
        shift(1);
        if (skipCount >= MAX_SKIP_REPORT) {
            reportSkipped(sink);
        }
    }

    private void shift(int count) {
        System.arraycopy(window, count, window, 0, filled - count);
        filled -= count;
        windowOffset += count;
    }

    private void reportSkipped(Sink sink) {
        if (skipCount > 0) {
            sink.skipped(skipOffset, skipCount, skipReason);
            skipCount = 0;
            skipReason = null;
        }
    }
}
