package io.wardgate.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.audit.api.AuditQuery;
import io.wardgate.audit.api.AuditRecord;
import io.wardgate.audit.api.Verification;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability against a real crash: a child JVM appends records in a loop and is killed with
 * kill -9 (SIGKILL) mid-loop. Every record it acknowledged is there afterwards, the chain verifies,
 * and an incomplete last line is reported by verify-audit and recorded as AUDIT_TORN_WRITE on
 * reopening, never dropped silently. The child writes each line in two halves so that a kill lands
 * between them often; rounds repeat until that happened (each round ~1 s).
 */
class KillDashNineTest {
    private static final int MAX_ROUNDS = 25;

    @TempDir
    Path dir;

    @Test
    void killDashNineLosesNoAcknowledgedRecordAndReportsATornLine() throws Exception {
        int tornRounds = 0;
        long acknowledgedTotal = 0;
        for (int round = 0; round < MAX_ROUNDS && tornRounds < 2; round++) {
            long acknowledged = runChildAndKill();
            acknowledgedTotal = Math.max(acknowledgedTotal, acknowledged);
            boolean torn = lastByteOfNewestSegment() != '\n';
            if (torn) {
                tornRounds++;
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int exit = VerifyCommand.run(new String[] {dir.toString()}, new PrintStream(out, true),
                        new PrintStream(new ByteArrayOutputStream()));
                assertThat(exit).isEqualTo(1);
                assertThat(out.toString(StandardCharsets.UTF_8)).contains("torn last line: incomplete write");
            }
            try (FileAuditTrail trail = Trails.open(Trails.settings(dir))) {
                assertThat(trail.status().tornWritesRecovered()).isEqualTo(torn ? 1 : 0);
                Verification verification = trail.verify();
                assertThat(verification.intact()).as(verification.toString()).isTrue();
                Set<Long> present = trail.query(new AuditQuery(null, null, "", "", AuditQuery.MAX_LIMIT, false))
                        .stream().map(AuditRecord::sequence).collect(Collectors.toSet());
                for (long seq = 1; seq <= acknowledged; seq++) {
                    assertThat(present).as("acknowledged record %d", seq).contains(seq);
                }
                if (torn) {
                    assertThat(trail.query(AuditQuery.latest(1).withAction("AUDIT_TORN_WRITE"))).hasSize(1);
                }
            }
        }
        assertThat(tornRounds).as("rounds in which kill -9 interrupted a write").isPositive();
        assertThat(acknowledgedTotal).isPositive();
    }

    /** Starts the writer, lets it acknowledge some records, kills it with SIGKILL; returns the last ack. */
    private long runChildAndKill() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                AuditWriterChild.class.getName(), dir.toString()).redirectErrorStream(true).start();
        AtomicLong lastAck = new AtomicLong();
        AtomicLong acksThisRound = new AtomicLong();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.startsWith("ack ")) {
                        lastAck.set(Long.parseLong(line.substring(4)));
                        acksThisRound.incrementAndGet();
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // the child died mid-line: what was read is what counts
            }
        });
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> acksThisRound.get() >= 20 || !child.isAlive());
            assertThat(child.isAlive()).as("child still writing").isTrue();
            Process kill = new ProcessBuilder("kill", "-9", Long.toString(child.pid())).inheritIO().start();
            assertThat(kill.waitFor()).isZero();
            child.waitFor();
            assertThat(child.exitValue()).isEqualTo(137); // 128 + SIGKILL
        } finally {
            child.destroyForcibly();
            reader.join(10_000);
        }
        return lastAck.get();
    }

    private int lastByteOfNewestSegment() throws IOException {
        byte[] bytes = Files.readAllBytes(Segments.path(dir, Segments.list(dir).lastKey()));
        return bytes[bytes.length - 1];
    }
}
