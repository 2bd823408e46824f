package io.wardgate.driver.nonin;

import io.wardgate.api.driver.SessionOutput;
import java.time.Instant;

/** Turns good frames of one data format into decoded items. Frames arrive already checked. */
interface FrameDecoder {

    void frame(long offset, byte[] frame, Instant now, SessionOutput out);

    /** Frames stopped being consecutive, or the line went quiet: finish what is pending. */
    void flush(Instant now, SessionOutput out);

    /** The framer lost the frame boundary (the next frame does not follow this one). */
    default void lost(Instant now, SessionOutput out) {
        flush(now, out);
    }

    /** The line has been quiet for {@link NoninSession#QUIET}; the next byte will have {@code nextOffset}. */
    default void quiet(long nextOffset, Instant now, SessionOutput out) {
        flush(now, out);
    }

    /** Forget everything (the line was re-opened). */
    void reset();
}
