package io.wardgate.network;

import io.wardgate.testkit.RecordingIntake;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Test sources on the loopback interface, as if it were the device side. */
final class Sources {
    private Sources() {
    }

    static SourceSettings settings(String protocol, int port, int maxPeers, int bytesPerSecond, int idleSeconds) {
        return new SourceSettings(protocol, port, "lo", Path.of("/nonexistent"), "site-1", "ward-3",
                Map.of("127.0.0.21", "bed-21"), maxPeers, bytesPerSecond, 65_535, Duration.ofSeconds(idleSeconds));
    }

    /** The loopback interface as the device side: 127.0.0.1, subnet 127.0.0.0/8 (or narrower). */
    static SourceWorker.DeviceSideResolver loopback(int prefixLength) {
        return s -> new DeviceSide("lo", InetAddress.getByName("127.0.0.1"), Optional.empty(), prefixLength);
    }

    static SourceWorker start(SourceSettings settings, RecordingIntake intake, NetworkDrivers drivers, int prefix) {
        SourceWorker worker = new SourceWorker(settings, intake, drivers, loopback(prefix), Clock.systemUTC(),
                System::nanoTime);
        worker.start();
        return worker;
    }

    static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            return socket.getLocalPort();
        }
    }

    static int freeTcpPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
