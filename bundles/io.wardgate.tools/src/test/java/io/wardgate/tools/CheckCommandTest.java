package io.wardgate.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `wardgate check` on a bare directory tree: prints one line per check, or JSON, and exits 3. */
class CheckCommandTest {

    @Test
    void anUnprovisionedTreeFailsAndSaysWhy(@TempDir Path root) throws Exception {
        for (String d : new String[] {"data", "conf", "logs"}) {
            Files.createDirectories(root.resolve(d), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = {"check", "--data", root.resolve("data").toString(), "--conf", root.resolve("conf").toString(),
            "--logs", root.resolve("logs").toString(), "--sbom", root.resolve("none.json").toString()};

        int exit = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).isEqualTo(CheckCommand.CHECK_FAILED);
        assertThat(text).contains("FAIL    certificate-expiry").contains("no certificate found")
                .contains("FAIL    sbom").contains("SKIPPED audit-chain").containsPattern("\\d+ passed, \\d+ failed, 1 skipped");

        ByteArrayOutputStream json = new ByteArrayOutputStream();
        String[] jsonArgs = new String[args.length + 1];
        System.arraycopy(args, 0, jsonArgs, 0, args.length);
        jsonArgs[args.length] = "--json";
        Main.run(jsonArgs, new PrintStream(json, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(json.toString(StandardCharsets.UTF_8)).startsWith("{\"passed\":false,\"results\":[{\"id\":\"permissions\"")
                .contains("{\"id\":\"sbom\",\"requirement\":\"S21\",\"status\":\"FAIL\"");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(new String[] {"check", "--bogus"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(Command.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --bogus");
    }
}
