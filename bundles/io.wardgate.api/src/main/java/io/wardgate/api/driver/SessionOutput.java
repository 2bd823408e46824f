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

    /**
     * Whether the policy admits the device this session reported last (its latest
     * {@link Decoded.IdentityDecoded}, with the address the transport adds). For protocols whose answer
     * says "accepted" or "refused" (HL7 v2: ACK AA or NAK AR), asked right after the identity was
     * reported, so a transport decides in {@link #decoded} before it returns. Deny by default: a
     * transport that does not consult the policy admits nobody, and such sessions refuse.
     */
    default boolean admitted() {
        return false;
    }
}
