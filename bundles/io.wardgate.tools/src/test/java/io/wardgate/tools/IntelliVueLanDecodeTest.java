package io.wardgate.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.driver.Decoded;
import io.wardgate.api.driver.NetworkDriver;
import io.wardgate.api.driver.Peer;
import io.wardgate.api.driver.ProtocolSession;
import io.wardgate.api.driver.SessionOutput;
import io.wardgate.driver.intellivue.sim.LanMonitor;
import io.wardgate.driver.intellivue.sim.MonitorSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wardgate decode --protocol intellivue-lan FILE} on a UDP payload dump (2-byte big-endian length,
 * payload; docs/tools.md): what a simulated IntelliVue sent over a whole association (connect indication,
 * association response, MDS attributes, polls) decodes to its identity and numerics; a dump cut inside a
 * record decodes what came before and says where it ends.
 */
class IntelliVueLanDecodeTest {
    @TempDir
    Path dir;

    @Test
    void decodesADumpOfAMonitorsDatagrams() throws Exception {
        Path dump = Files.write(dir.resolve("intellivue.udp"), dump(Duration.ofSeconds(20)));
        Result result = decode(dump);

        assertThat(result.exit).isZero();
        assertThat(result.stderr).isEmpty();
        assertThat(result.lines).anySatisfy(l -> assertThat(l).contains("\"type\":\"identity\"")
                .contains("\"serialNumber\":\"DE00000021\""));
        assertThat(result.lines).filteredOn(l -> l.contains("\"type\":\"reading\"")).hasSizeGreaterThan(5);
        assertThat(result.lines).noneMatch(l -> l.contains("framing_error"));
    }

    @Test
    void withoutTheSendersAddressTheConnectIndicationIsIgnored() throws Exception {
        Path dump = Files.write(dir.resolve("intellivue.udp"), dump(Duration.ofSeconds(6)));
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8)) {
            assertThat(Main.run(new String[] {"decode", "--protocol", "intellivue-lan", dump.toString()}, out, out))
                    .isZero();
        }
        assertThat(stdout.toString(StandardCharsets.UTF_8).lines().findFirst()).hasValueSatisfying(l -> assertThat(l)
                .contains("connect indication names IP address 192.0.2.21 but came from 0.0.0.0"));
    }

    @Test
    void aDumpCutInsideARecordDecodesWhatCameBefore() throws Exception {
        byte[] whole = dump(Duration.ofSeconds(20));
        Path cut = Files.write(dir.resolve("cut.udp"), Arrays.copyOf(whole, whole.length - 3));
        Result result = decode(cut);

        assertThat(result.exit).isEqualTo(Command.FAILED);
        assertThat(result.stderr).contains("is not a whole datagram dump: the record at byte ")
                .contains("the datagrams before it are decoded above");
        assertThat(result.lines).anySatisfy(l -> assertThat(l).contains("\"serialNumber\":\"DE00000021\""));
    }

    @Test
    void helpListsTheDatagramDriverAndTheDumpFormat() throws Exception {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8)) {
            assertThat(Main.run(new String[] {"decode", "--help"}, out, out)).isZero();
        }
        assertThat(stdout.toString(StandardCharsets.UTF_8)).containsPattern("(?m)^    intellivue-lan ")
                .contains("2-byte big-endian length, payload");
    }

    /** The datagrams a simulated monitor sends a real host session for {@code length} of virtual time. */
    private static byte[] dump(Duration length) throws Exception {
        NetworkDriver driver = ServiceLoader.load(NetworkDriver.class).stream().map(ServiceLoader.Provider::get)
                .filter(d -> d.protocol().equals("intellivue-lan")).findFirst().orElseThrow();
        ProtocolSession session = driver.openSession(new Peer("192.0.2.21", 24105));
        LanMonitor monitor = new LanMonitor(MonitorSettings.mp70("DE00000021", 21), new byte[] {(byte) 192, 0, 2, 21},
                new byte[] {0, 9, (byte) 0xFB, 0, 0, 21});
        List<byte[]> toMonitor = new ArrayList<>();
        SessionOutput host = new SessionOutput() {
            @Override
            public void decoded(Decoded item) {
            }

            @Override
            public void send(byte[] bytes) {
                toMonitor.add(bytes.clone());
            }
        };
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        Instant start = Instant.parse("2026-11-29T10:00:00Z");
        session.start(start, host);
        for (Instant now = start; now.isBefore(start.plus(length)); now = now.plusMillis(100)) {
            Instant at = now;
            List<byte[]> fromMonitor = new ArrayList<>();
            monitor.connectIndicationDue(at).ifPresent(fromMonitor::add);
            List<byte[]> requests = List.copyOf(toMonitor);
            toMonitor.clear();
            requests.forEach(r -> monitor.fromHost(r, at, fromMonitor::add));
            monitor.tick(at, fromMonitor::add);
            for (byte[] datagram : fromMonitor) {
                DatagramDump.write(file, datagram);
                session.receive(datagram, 0, datagram.length, at, host);
            }
            session.tick(at, host);
        }
        return file.toByteArray();
    }

    private record Result(int exit, List<String> lines, String stderr) {
    }

    private static Result decode(Path dump) throws Exception {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int exit;
        try (PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
                PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8)) {
            exit = Main.run(new String[] {"decode", "--protocol", "intellivue-lan", "--peer", "192.0.2.21",
                    dump.toString()}, out, err);
        }
        return new Result(exit, stdout.toString(StandardCharsets.UTF_8).lines().toList(),
                stderr.toString(StandardCharsets.UTF_8));
    }
}
