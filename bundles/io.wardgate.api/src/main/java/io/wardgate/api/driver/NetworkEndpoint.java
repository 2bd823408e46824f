package io.wardgate.api.driver;

import java.util.Objects;

/**
 * Where a {@link NetworkDriver}'s devices are reached on the device-side interface.
 *
 * @param transport UDP or TCP
 * @param role whether the gateway listens (devices connect or send to it) or connects to the device
 * @param port the protocol's port, 1 to 65535
 * @param framing how received bytes are handed to the session
 * @param devicePort 0, or (UDP, LISTEN only) the device's own protocol port: devices announce themselves by
 *        sending to {@code port} (e.g. a broadcast), the transport keeps one session per device address
 *        (whatever port a datagram came from) and sends that session's bytes to the address at
 *        {@code devicePort}. Philips IntelliVue over LAN: connect indications to 24005, association and
 *        data with the monitor's 24105. Since 1.1 of this package.
 */
public record NetworkEndpoint(Transport transport, Role role, int port, Framing framing, int devicePort) {

    /** An endpoint whose sessions talk back to the port each peer sent from (or was connected to). */
    public NetworkEndpoint(Transport transport, Role role, int port, Framing framing) {
        this(transport, role, port, framing, 0);
    }

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
        if (devicePort < 0 || devicePort > 65_535) {
            throw new IllegalArgumentException("devicePort must be 0 to 65535");
        }
        if (devicePort != 0 && (transport != Transport.UDP || role != Role.LISTEN)) {
            throw new IllegalArgumentException("a devicePort is for UDP endpoints that LISTEN only");
        }
    }

    /** Whether sessions are kept per device address and talk to {@link #devicePort()} (see there). */
    public boolean talksToDevicePort() {
        return devicePort != 0;
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
