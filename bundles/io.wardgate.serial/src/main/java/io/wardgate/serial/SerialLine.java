package io.wardgate.serial;

import java.io.Closeable;
import java.io.IOException;

/**
 * An open serial line: the seam between WardGate and the serial library. One thread uses a line at a
 * time (the port's reader thread), so implementations need no locking.
 */
interface SerialLine extends Closeable {

    /**
     * Waits up to the line's read timeout (about {@value SerialLines#READ_TIMEOUT_MILLIS} ms) for
     * bytes. Returns how many arrived, 0 when none did.
     *
     * @throws IOException when the line is gone (device unplugged, adapter removed)
     */
    int read(byte[] buffer, int offset, int length) throws IOException;

    /** Writes all bytes, waiting at most the write timeout. */
    void write(byte[] bytes) throws IOException;

    /** Closes the line; never throws. */
    @Override
    void close();
}
