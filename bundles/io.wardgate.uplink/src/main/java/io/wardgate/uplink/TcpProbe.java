package io.wardgate.uplink;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * Whether a broker's port accepts a TCP connection: opened and closed at once, no TLS, no MQTT. Cheap for
 * the broker, so the uplink can notice a returning broker without hammering it with TLS handshakes.
 */
final class TcpProbe {
    private static final Duration LONGEST = Duration.ofSeconds(1);

    private TcpProbe() {
    }

    static boolean accepts(BrokerEndpoint broker, Duration connectTimeout) {
        int timeout = (int) Math.min(LONGEST.toMillis(), connectTimeout.toMillis());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(broker.host(), broker.port()), timeout);
            return true;
        } catch (IOException | IllegalArgumentException | SecurityException e) {
            return false;
        }
    }
}
