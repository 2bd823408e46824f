package io.wardgate.seal.sealer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.seal.envelope.EnvelopeOpener;
import io.wardgate.seal.envelope.OpenResult;
import io.wardgate.seal.envelope.TestKeys;
import io.wardgate.seal.identity.Certificates;
import io.wardgate.seal.identity.IdentityStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * S19/R1: a gateway JVM killed with SIGKILL (kill -9) and started again three times. Every envelope
 * stored opens; each start has a new epoch; within an epoch each device's sequence numbers run
 * 0, 1, 2, ... without a gap or a repeat; no (device, epoch, sequence) ever appears twice.
 */
class SequenceAcrossKillTest {
    private static final int RUNS = 3;
    private static final int PER_RUN = 20;

    @TempDir
    Path temp;

    @Test
    void sequenceNumbersNeverRepeatAcrossKills() throws Exception {
        Path outboxFile = temp.resolve("outbox.txt");
        Path backendPem = temp.resolve("backend.pem");
        Files.writeString(backendPem, Certificates.pem((Object) TestKeys.backend().getPublic()));
        for (int run = 0; run < RUNS; run++) {
            int before = FileOutbox.read(outboxFile).size();
            Process child = startChild(outboxFile, backendPem);
            try {
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
                        .until(() -> FileOutbox.read(outboxFile).size() >= before + PER_RUN);
            } finally {
                killNine(child);
            }
            assertThat(child.exitValue()).isEqualTo(137);
        }

        IdentityStore identity = IdentityStore.open(temp.resolve("data/identity"), "wg-crash", new SecureRandom(),
                Clock.systemUTC());
        EnvelopeOpener opener = new EnvelopeOpener(Map.of("backend-test", TestKeys.backend().getPrivate()),
                TestKeys.trusting(identity.signingKey().publicKey()));
        Map<String, TreeSet<Long>> sequences = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        Set<Long> epochs = new TreeSet<>();
        List<FileOutbox.Record> records = FileOutbox.read(outboxFile);
        for (FileOutbox.Record record : records) {
            OpenResult result = opener.open(record.bytes());
            assertThat(result).isInstanceOf(OpenResult.Opened.class);
            OpenResult.Opened opened = (OpenResult.Opened) result;
            assertThat(opened.tags().epoch()).isEqualTo(record.tags().epoch());
            assertThat(opened.tags().sequence()).isEqualTo(record.tags().sequence());
            String stream = opened.tags().deviceId() + "@" + opened.tags().epoch();
            assertThat(seen.add(stream + "#" + opened.tags().sequence())).as("repeated %s", stream).isTrue();
            sequences.computeIfAbsent(stream, k -> new TreeSet<>()).add(opened.tags().sequence());
            epochs.add(opened.tags().epoch());
        }
        assertThat(epochs).containsExactly(0L, 1L, 2L);
        sequences.forEach((stream, numbers) -> {
            List<Long> expected = new ArrayList<>();
            for (long i = 0; i <= numbers.last(); i++) {
                expected.add(i);
            }
            assertThat(numbers).as("stream %s", stream).containsExactlyElementsOf(expected);
        });
    }

    private Process startChild(Path outboxFile, Path backendPem) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(),
                temp.resolve("data").toString(), outboxFile.toString(), backendPem.toString());
        builder.redirectErrorStream(true);
        builder.redirectOutput(temp.resolve("child.log").toFile());
        return builder.start();
    }

    /** A real SIGKILL, as kill -9 sends it: no shutdown hook, no flush. */
    private static void killNine(Process child) throws Exception {
        Process kill = new ProcessBuilder("kill", "-KILL", Long.toString(child.pid())).start();
        assertThat(kill.waitFor()).isZero();
        child.waitFor();
        assertThat(new String(kill.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isEmpty();
    }
}
