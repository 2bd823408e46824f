package io.wardgate.protocol;

/** Where a session puts what it decoded and what it wants sent to the device. */
public interface SessionOutput {

    void decoded(Decoded item);

    /** Bytes to write to the device (requests, polls, keep-alives, answers). */
    void send(byte[] bytes);
}
