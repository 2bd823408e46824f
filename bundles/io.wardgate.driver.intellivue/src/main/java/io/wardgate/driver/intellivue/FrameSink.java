package io.wardgate.driver.intellivue;

/** Where a {@link FrameDecoder} puts what it found. Offsets count bytes since the decoder was made. */
public interface FrameSink {

    /** A frame whose FCS and header checked out; {@code userData} is a fresh copy without header or FCS. */
    void frame(long offset, byte[] userData);

    /** Bytes that were skipped: garbage between frames, a bad FCS, an aborted, truncated or oversized frame. */
    void error(long offset, String reason);
}
