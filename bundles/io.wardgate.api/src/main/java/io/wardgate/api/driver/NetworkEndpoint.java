package io.wardgate.api.driver;

import java.util.Objects;

/**
 * Where a {@link NetworkDriver}'s devices are reached on the device-side interface.
 *
 * @param transport UDP or TCP
 * @param role whether the gateway listens (devices connect or send to it) or connects to the device
 * @param port the protocol's port, 1 to 65535
 * @param framing how received bytes are handed to the session
 */
public record NetworkEndpoint(Transport transport, Role role, int port, Framing framing) {

    public NetworkEndpoint {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(framing, "framing");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be 1 to 65535");
        }
        if (transport == Transport.UDP && framing != Framing.DATAGRAM) {
            throw new IllegalArgumentException("UDP carries datagrams: framing must be DATAGRAM");
        }
        if (transport == Transport.TCP && framing != Framing.STREAM) {
            throw new IllegalArgumentException("TCP carries a byte stream: framing must be STREAM");
        }
    }

    /** The network protocol. */
    public enum Transport {
        UDP,
        TCP
    }

    /** Who opens the conversation. */
    public enum Role {
        /** The gateway listens; devices connect (TCP) or send (UDP) to it. */
        LISTEN,
        /** The gateway connects (TCP) or sends first (UDP) to a configured device address. */
        CONNECT
    }

    /** How received bytes reach {@link ProtocolSession#receive}. */
    public enum Framing {
        /** One receive call per datagram, whole; the session never sees two datagrams joined. */
        DATAGRAM,
        /** The byte stream split anywhere; the session finds its frames itself (e.g. MLLP's 0x0B ... 0x1C 0x0D). */
        STREAM
    }
}
