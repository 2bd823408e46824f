package io.wardgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify-audit DIR: exit 0 and a summary when intact, exit 1 and the first broken link when not. */
class VerifyCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return VerifyCommand.run(args, new PrintStream(out, true), new PrintStream(err, true));
    }

    @Test
    void anIntactTrailExitsZero() throws IOException {
        try (FileAuditTrail trail = Trails.open(Trails.small(dir, 4096, 1 << 20))) {
            Trails.fill(trail, 50);
        }
        assertThat(run(dir.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("INTACT: 50 records in segments 1..");
    }

    @Test
    void aBrokenTrailExitsOneAndNamesTheLink() throws IOException {
        try (FileAuditTrail trail = Trails.open(Trails.settings(dir))) {
            Trails.fill(trail, 10);
        }
        List<String> lines = Trails.lines(dir, 1);
        lines.set(6, lines.get(6).replace("SUCCESS", "FAILURE"));
        Trails.write(dir, 1, lines);

        assertThat(run(dir.toString())).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(
                "BROKEN at segment 1 record 5: record content does not match its hash (record altered) "
                        + "(5 records verified before it)");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run()).isEqualTo(2);
        assertThat(run(dir.resolve("absent").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: verify-audit DIR").contains("not a directory");
    }
}
