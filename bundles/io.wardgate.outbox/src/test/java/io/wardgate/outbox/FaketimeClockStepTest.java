package io.wardgate.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.testkit.RequiredTools;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 item 4 with libfaketime (Debian package faketime): the outbox, wired as in the appliance, runs
 * in a JVM whose wall clock libfaketime moves (read from a file at every call, so the test steps it
 * while the JVM runs), the monotonic clock left real. Boot at 1970 and at a saved time days old, NTP
 * steps forward by days and decades and backward by hours, with a backlog that no broker took: the
 * maximum age is 10 minutes, so a rule on the wall clock would drop everything at the first step.
 */
class FaketimeClockStepTest {
    private static final List<Path> LIBRARIES = List.of(
            Path.of("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1"),
            Path.of("/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1"),
            Path.of("/usr/lib/faketime/libfaketime.so.1"));

    @TempDir
    Path dir;

    private Path timeFile;

    /** One JVM of the gateway, under libfaketime. */
    private final class Gateway implements AutoCloseable {
        private final Process process;
        private final Writer in;
        private final BufferedReader out;

        Gateway(Path library, long firstSequence) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    FaketimeOutboxMain.class.getName(), dir.resolve("outbox.db").toString(), Long.toString(firstSequence))
                    .redirectError(dir.resolve("gateway-stderr.txt").toFile());
            Map<String, String> env = builder.environment();
            env.remove("FAKETIME"); // under the suite's own faketime pass: this test's file decides
            env.put("LD_PRELOAD", library.toString());
            env.put("FAKETIME_TIMESTAMP_FILE", timeFile.toString());
            env.put("FAKETIME_NO_CACHE", "1");
            env.put("FAKETIME_DONT_FAKE_MONOTONIC", "1");
            process = builder.start();
            in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII);
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        }

        String ask(String command) throws IOException {
            in.write(command + "\n");
            in.flush();
            String answer = out.readLine();
            if (answer == null) {
                throw new AssertionError("the gateway JVM ended; see " + dir.resolve("gateway-stderr.txt") + ": "
                        + Files.readString(dir.resolve("gateway-stderr.txt")));
            }
            return answer;
        }

        long count() throws IOException {
            String answer = ask("count");
            assertThat(answer).startsWith("count ");
            return Long.parseLong(answer.split(" ")[1]);
        }

        @Override
        public void close() throws Exception {
            ask("exit");
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** The wall clock the gateway JVM sees: real time shifted by {@code offset}. */
    private void clockAt(Duration offset) throws IOException {
        Files.writeString(timeFile, (offset.isNegative() ? "" : "+") + offset.toSeconds() + "\n");
    }

    private Path library() {
        boolean tool = Files.isExecutable(Path.of("/usr/bin/faketime"));
        Path library = LIBRARIES.stream().filter(Files::isReadable).findFirst().orElse(null);
        if (!tool || library == null) {
            RequiredTools.unavailable("FaketimeClockStepTest needs libfaketime (Debian package faketime)");
        }
        return library;
    }

    @Test
    void aBacklogSurvivesBootAt1970BootDaysBehindAndStepsEitherWay() throws Exception {
        Path library = library();
        timeFile = dir.resolve("faketime.rc");
        Duration to1970 = Duration.between(Instant.now(), Instant.EPOCH.plus(Duration.ofHours(1)));

        clockAt(Duration.ZERO);
        try (Gateway gateway = new Gateway(library, 0)) { // synchronised, the broker unreachable
            gateway.ask("store 5");
            assertThat(gateway.count()).isEqualTo(5);
        }

        clockAt(to1970); // power cut; the board boots at 1970
        try (Gateway gateway = new Gateway(library, 5)) {
            // 1970, or 1969 when the whole suite runs a year ahead under faketime (offsets are from the real time)
            assertThat(gateway.ask("store 5")).containsPattern("stored at 19[67][0-9]-");
            assertThat(gateway.count()).isEqualTo(10);
            clockAt(Duration.ZERO); // NTP answers: a step forward by decades
            assertThat(gateway.count()).as("nothing expired by the step").isEqualTo(10);
            clockAt(Duration.ofDays(3)); // and a step forward by days
            assertThat(gateway.count()).isEqualTo(10);
            clockAt(Duration.ofDays(3).minusHours(5)); // and back by hours
            gateway.ask("store 5");
            assertThat(gateway.count()).isEqualTo(15);
        }

        clockAt(Duration.ofDays(-4)); // boots at fake-hwclock's time, saved days ago
        try (Gateway gateway = new Gateway(library, 15)) {
            assertThat(gateway.count()).isEqualTo(15);
            clockAt(Duration.ZERO);
            assertThat(gateway.count()).as("nothing expired by the step").isEqualTo(15);
        }
    }
}
