package io.wardgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** Runs external tools; a missing one fails the test in CI and aborts it elsewhere, naming the tool. */
public final class RequiredTools {
    private RequiredTools() {
    }

    public static void require(String why, String... tools) {
        List<String> missing = new ArrayList<>();
        for (String tool : tools) {
            boolean found = List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin").stream()
                    .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
            if (!found) {
                missing.add(tool);
            }
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        String message = why + " needs " + (root ? "" : "root and ") + "the tools " + List.of(tools) + "; missing: " + missing;
        if (!missing.isEmpty() || !root) {
            unavailable(message);
        }
    }

    /** Something the test needs is absent: fails the test under CI=true, aborts it (saying what) elsewhere. */
    public static void unavailable(String message) {
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(message);
        }
        Assumptions.abort(message);
    }

    /** Runs a command, returns its output; fails the test on a non-zero exit. */
    public static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
        return out;
    }
}
