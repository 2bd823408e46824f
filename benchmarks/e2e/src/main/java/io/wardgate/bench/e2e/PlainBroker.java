package io.wardgate.bench.e2e;

import io.wardgate.testkit.Brokers;
import io.wardgate.testkit.FreePort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The baseline's broker: mosquitto with one plain-TCP listener on 127.0.0.1, anonymous, no persistence.
 * Benchmark only: it exists to measure what sealing, the outbox and TLS cost, never to carry real data.
 */
final class PlainBroker implements AutoCloseable {
    private final int port;
    private final Process process;

    PlainBroker(Path dir, int port) {
        this.port = port;
        try {
            Files.createDirectories(dir);
            Path config = dir.resolve("mosquitto.conf");
            Files.writeString(config, String.join("\n", "# benchmark baseline only: loopback, plain TCP",
                    "listener " + port + " 127.0.0.1", "allow_anonymous true", "persistence false",
                    "max_queued_messages 100000", "log_dest stderr", "log_type error", "log_type warning", ""),
                    StandardCharsets.UTF_8);
            process = new ProcessBuilder(Brokers.MOSQUITTO.toString(), "-c", config.toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!Poll.until(() -> !process.isAlive() || FreePort.accepting(port), Duration.ofSeconds(10))
                || !process.isAlive()) {
            throw new IllegalStateException("the baseline mosquitto did not start on port " + port);
        }
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
