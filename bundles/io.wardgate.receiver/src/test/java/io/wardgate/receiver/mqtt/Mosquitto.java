package io.wardgate.receiver.mqtt;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Mosquitto broker (Debian package "mosquitto") on 127.0.0.1 with TLS 1.3 and required
 * client certificates. Absent binary: fails when CI=true, else aborts the test naming the package.
 */
final class Mosquitto implements AutoCloseable {
    private final Process process;
    final int port;

    private Mosquitto(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static Path binary() {
        for (String candidate : new String[] {"/usr/sbin/mosquitto", "/usr/bin/mosquitto"}) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        String message = "mosquitto is not installed (Debian package 'mosquitto')";
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException(message);
        }
        Assumptions.abort(message);
        return null;
    }

    /** Starts a broker whose files (ca.pem, server.pem, server.key) are in {@code directory}. */
    static Mosquitto start(Path directory) throws IOException {
        Path binary = binary();
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path config = directory.resolve("mosquitto.conf");
        Files.writeString(config, String.join("\n",
                "user root",
                "persistence false",
                "log_dest file " + directory.resolve("mosquitto.log"),
                "listener " + port + " 127.0.0.1",
                "cafile " + directory.resolve("ca.pem"),
                "certfile " + directory.resolve("server.pem"),
                "keyfile " + directory.resolve("server.key"),
                "require_certificate true",
                "use_identity_as_username true",
                "tls_version tlsv1.3",
                ""));
        Process process = new ProcessBuilder(binary.toString(), "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("mosquitto.out").toFile()).start();
        Mosquitto broker = new Mosquitto(process, port);
        try {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("mosquitto exited: "
                            + Files.readString(directory.resolve("mosquitto.out")));
                }
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    return true;
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    String uri() {
        return "ssl://localhost:" + port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
