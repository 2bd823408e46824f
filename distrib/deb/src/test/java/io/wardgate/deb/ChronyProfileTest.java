package io.wardgate.deb;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.testkit.RequiredTools;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chrony snippet docs/install.md tells operators to install parses in Debian's chronyd. */
class ChronyProfileTest {
    private static final Path SNIPPET = FirewallTest.HARDWARE.resolve("common/chrony-wardgate.conf");

    @Test
    void theSnippetWithTheHospitalsServersFilledInParses(@TempDir Path dir) throws Exception {
        RequiredTools.require("the chrony snippet check", "chronyd");
        // As an operator does: uncomment the server lines (one with NTS).
        String filled = Files.readString(SNIPPET).replace("#server ", "server ");
        Path conf = Files.writeString(dir.resolve("wardgate.conf"), filled);

        String parsed = RequiredTools.run("chronyd", "-p", "-f", conf.toString());

        assertThat(parsed).contains("server ntp1.hospital.example iburst nts", "makestep 1 3", "rtcsync", "port 0");
    }

    @Test
    void chronydRefusesAMistypedDirectiveSoTheCheckAboveMeansSomething(@TempDir Path dir) throws Exception {
        RequiredTools.require("the chrony snippet check", "chronyd");
        Path conf = Files.writeString(dir.resolve("bad.conf"), Files.readString(SNIPPET) + "makestpe 1 3\n");
        Process p = new ProcessBuilder("chronyd", "-p", "-f", conf.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isNotZero();
        assertThat(out).contains("Invalid directive");
    }
}
