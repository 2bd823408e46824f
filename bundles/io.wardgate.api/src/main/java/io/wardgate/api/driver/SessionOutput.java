package io.wardgate.api.driver;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where a session puts what it decoded and what it wants sent to the device. Provided by the
 * transport (serial port, network listener, the decode tool); called on the transport's thread.
 */
@ProviderType
public interface SessionOutput {

    void decoded(Decoded item);

    /** Bytes to write to the device (requests, polls, keep-alives, answers). */
    void send(byte[] bytes);
}
