package io.wardgate.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.wardgate.api.sim.SimulatedDevice;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorRunnerTest {
    private static final Duration LIMIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            line.append((char) b);
        }
        return line.toString();
    }

    /** Answers every byte from the host with the same byte plus one. */
    private static final class Echo implements SimulatedDevice {
        @Override
        public void fromHost(byte[] bytes, Instant now, Consumer<byte[]> wire) {
            byte[] answer = bytes.clone();
            for (int i = 0; i < answer.length; i++) {
                answer[i]++;
            }
            wire.accept(answer);
        }

        @Override
        public void tick(Instant now, Consumer<byte[]> wire) {
        }
    }

    /** Sends a Masimo-like line every 50 ms, whether or not anyone listens (the real simulators live in the driver bundles). */
    private static final class Talker implements SimulatedDevice {
        private Instant next = Instant.MIN;

        @Override
        public void fromHost(byte[] bytes, Instant now, Consumer<byte[]> wire) {
        }

        @Override
        public void tick(Instant now, Consumer<byte[]> wire) {
            if (!now.isBefore(next)) {
                next = now.plusMillis(50);
                wire.accept("SN=SIM7 SPO2=097 BPM=072\r\n".getBytes(StandardCharsets.US_ASCII));
            }
        }
    }

    @Test
    void hostsADeviceBehindALinkAndSurvivesUnplugAndReplug() throws Exception {
        Path link = dir.resolve("bed-12");
        Talker device = new Talker();
        try (SimulatorRunner runner = SimulatorRunner.plugged(device, link)) {
            Path first = Files.readSymbolicLink(link);
            assertThat(runner.slavePath()).contains(first);
            assertTimeoutPreemptively(LIMIT, () -> {
                try (FileInputStream host = new FileInputStream(link.toFile())) {
                    readLine(host); // may start mid-line
                    assertThat(readLine(host)).contains("SN=SIM7 SPO2=").endsWith("\r");
                }
            });

            runner.unplug();
            assertThat(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
            assertThat(runner.slavePath()).isEmpty();
            await().atMost(LIMIT).until(() -> !Files.exists(first));
            long dropped = runner.bytesDropped();
            await().atMost(LIMIT).until(() -> runner.bytesDropped() > dropped);

            runner.replug();
            Path second = Files.readSymbolicLink(link);
            assertThat(runner.slavePath()).contains(second);
            assertTimeoutPreemptively(LIMIT, () -> {
                try (FileInputStream host = new FileInputStream(link.toFile())) {
                    readLine(host);
                    assertThat(readLine(host)).contains("SN=SIM7 SPO2=");
                }
            });
            assertThat(runner.bytesSent()).isPositive();
        }
        assertThat(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void passesWhatTheHostWritesToTheDevice() throws Exception {
        Path link = dir.resolve("echo");
        try (SimulatorRunner runner = SimulatorRunner.plugged(new Echo(), link)) {
            assertTimeoutPreemptively(LIMIT, () -> {
                try (FileOutputStream out = new FileOutputStream(link.toFile());
                        FileInputStream in = new FileInputStream(link.toFile())) {
                    out.write("HAL\t".getBytes(StandardCharsets.US_ASCII)); // tab + 1 is the line feed
                    assertThat(readLine(in)).isEqualTo("IBM");
                }
            });
        }
    }
}
