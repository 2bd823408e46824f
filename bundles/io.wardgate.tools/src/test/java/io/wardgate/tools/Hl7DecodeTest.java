package io.wardgate.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.driver.NetworkDriver;
import io.wardgate.api.driver.Peer;
import io.wardgate.sim.Conversation;
import io.wardgate.sim.Discovered;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wardgate decode --protocol hl7 FILE} on an MLLP byte stream dump (what a PCD-01 sender wrote
 * to its TCP connection, here the simulated monitor's): the network driver is found through
 * ServiceLoader like the serial ones, and the dump decodes to the sender's identity and readings.
 */
class Hl7DecodeTest {
    @TempDir
    Path dir;

    @Test
    void decodesAnMllpDumpOfPcd01Messages() throws Exception {
        NetworkDriver driver = ServiceLoader.load(NetworkDriver.class).stream().map(ServiceLoader.Provider::get)
                .filter(d -> d.protocol().equals("hl7")).findFirst().orElseThrow();
        Conversation sent = Conversation.run(driver.openSession(new Peer("192.0.2.17", 40000)),
                Discovered.simulator("hl7", 5).orElseThrow(), Instant.parse("2026-11-29T10:00:00Z"),
                Duration.ofSeconds(5), Duration.ofMillis(100));
        Path dump = Files.write(dir.resolve("mllp.bin"), sent.capture());
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();

        int exit;
        try (PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
                PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8)) {
            exit = Main.run(new String[] {"decode", "--protocol", "hl7", dump.toString()}, out, err);
        }

        assertThat(exit).isZero();
        assertThat(stderr.toString(StandardCharsets.UTF_8)).isEmpty();
        List<String> lines = stdout.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).startsWith("{\"offset\":0,\"type\":\"identity\",\"model\":\"WARDGATE_SIM/SIM-WARD\"");
        assertThat(lines).filteredOn(l -> l.contains("\"referenceId\":\"MDC_PULS_OXIM_SAT_O2\"")).hasSize(5)
                .allMatch(l -> l.contains("\"unit\":\"%\""));
        assertThat(lines).noneMatch(l -> l.contains("framing_error"));
    }

    @Test
    void helpListsTheNetworkDriver() throws Exception {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8)) {
            assertThat(Main.run(new String[] {"decode", "--help"}, out, out)).isZero();
        }
        assertThat(stdout.toString(StandardCharsets.UTF_8)).containsPattern("(?m)^    hl7 +HL7 v2 over MLLP");
    }
}
