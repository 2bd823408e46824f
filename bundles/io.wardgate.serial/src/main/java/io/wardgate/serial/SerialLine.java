package io.wardgate.serial;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;

/**
 * An open serial line: the seam between WardGate and the serial library. One thread uses a line at a
 * time (the port's reader thread), so implementations need no locking.
 */
interface SerialLine extends Closeable {

    /**
     * Waits up to the line's read timeout ({@value SerialLines#READ_TIMEOUT_MILLIS} ms until {@link #readTimeout}
     * changes it) for bytes. Returns how many arrived, 0 when none did or the line was {@linkplain #wake woken}.
     *
     * @throws IOException when the line is gone (device unplugged, adapter removed)
     */
    int read(byte[] buffer, int offset, int length) throws IOException;

    /**
     * Sets how long a read waits, rounded up to the 100 ms steps a tty times reads in (at most 25.5 s). Called by the
     * reading thread between reads.
     */
    default void readTimeout(Duration timeout) throws IOException {
    }

    /**
     * From another thread: makes a waiting read return now, and later reads at once, until the reading thread closes
     * the line (a stop need not wait out a long read timeout). The line stays open: only its reader closes it.
     */
    default void wake() {
    }

    /** Writes all bytes, waiting at most the write timeout. */
    void write(byte[] bytes) throws IOException;

    /** Closes the line; never throws. */
    @Override
    void close();
}
