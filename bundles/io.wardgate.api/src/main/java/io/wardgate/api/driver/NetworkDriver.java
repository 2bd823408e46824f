package io.wardgate.api.driver;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A protocol spoken over the device-side network interface (never the hospital side). The network
 * transport listens on or connects to {@link #endpoint()} and opens one session per peer: per remote
 * address and port for UDP, per connection for TCP. A driver names a default port; the transport's
 * configuration may place it elsewhere.
 */
@ConsumerType
public interface NetworkDriver extends DeviceDriver {

    /** What the transport listens to or connects to, and how bytes reach the session. */
    NetworkEndpoint endpoint();

    /** A new session in its initial state for one peer. Never null. */
    ProtocolSession openSession(Peer peer);
}
