package io.wardgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.config.files.ConfigDirectory;
import io.wardgate.config.files.ConfigText;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a process in the middle of writing configuration files (what the e2e soak did to the
 * gateway): after each kill the file and its last good copy are complete versions, the one the
 * process last reported or the one it was writing, and the start-time repair finds nothing damaged.
 * Stale temporary files of the killed write are removed by the repair.
 */
class KillDuringWriteTest {
    @TempDir
    Path dir;

    @Test
    void aProcessKilledWhileWritingLeavesACompleteFile() throws Exception {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        String name = "io.wardgate.uplink.Uplink.config";
        long next = 0;
        for (int kill = 0; kill < 5; kill++) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    WriteLoopMain.class.getName(), conf.toString(), name, Long.toString(next))
                    .redirectError(dir.resolve("child-stderr.txt").toFile()).start();
            long reported = -1;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                // Kill after a varying number of completed writes, while the next one is under way.
                for (int seen = 0; seen < 10 + 7 * kill; seen++) {
                    String line = out.readLine();
                    assertThat(line).as("child output (see child-stderr.txt)").isNotNull();
                    reported = Long.parseLong(line.substring("round ".length()));
                }
                // kill -9 (Process.destroyForcibly would also close our end of its output)
                assertThat(new ProcessBuilder("kill", "-KILL", Long.toString(child.pid())).start().waitFor()).isZero();
                assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    reported = Long.parseLong(line.substring("round ".length())); // written before the kill
                }
            } finally {
                child.destroyForcibly();
            }
            Path file = conf.resolve(name);
            Map<String, Object> found = complete(file);
            long round = (Long) found.get("round");
            assertThat(round).as("the last reported version or the one under way").isBetween(reported, reported + 1);
            complete(ConfigDirectory.lastGood(file));

            assertThat(new ConfigDirectory(conf).repair()).as("nothing damaged").isEmpty();
            try (var list = Files.list(conf)) {
                assertThat(list.map(p -> p.getFileName().toString())).as("no temporary file left after the repair")
                        .noneMatch(n -> n.endsWith(".tmp"));
            }
            next = round + 1;
        }
    }

    private static Map<String, Object> complete(Path file) throws Exception {
        Map<String, Object> found = ConfigText.parse(Files.readString(file, StandardCharsets.ISO_8859_1), ConfigText.Format.TYPED);
        assertThat(found).containsEntry("padding", WriteLoopMain.PADDING).containsEntry("site", "st-marys");
        assertThat(found.get("round")).isInstanceOf(Long.class);
        return found;
    }
}
