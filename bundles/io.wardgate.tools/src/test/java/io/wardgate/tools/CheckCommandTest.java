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
                .contains("FAIL    sbom").contains("SKIPPED audit-chain").containsPattern("\\d+ passed, \\d+ failed, 1 skipped")
                // The clock check reads this machine's kernel: synchronised or not, it says which.
                .containsPattern("(PASS|FAIL) +clock +S19 +clock (not )?synchronised: kernel TIME_");

        ByteArrayOutputStream json = new ByteArrayOutputStream();
        String[] jsonArgs = new String[args.length + 1];
        System.arraycopy(args, 0, jsonArgs, 0, args.length);
        jsonArgs[args.length] = "--json";
        Main.run(jsonArgs, new PrintStream(json, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(json.toString(StandardCharsets.UTF_8)).startsWith("{\"passed\":false,\"results\":[{\"id\":\"permissions\"")
                .contains("{\"id\":\"sbom\",\"requirement\":\"S21\",\"status\":\"FAIL\"");
    }

    @Test
    void theAuditChainUnderTheDataDirectoryIsVerifiedAndATamperedOneFails(@TempDir Path root) throws Exception {
        Path audit = root.resolve("data").resolve("audit");
        try (io.wardgate.audit.FileAuditTrail trail = io.wardgate.audit.FileAuditTrail.open(new io.wardgate.audit.AuditSettings(
                audit, 1 << 20, 8192, 80, "wg-test", "st-marys/icu-3"), java.time.Clock.systemUTC(), new java.security.SecureRandom())) {
            for (int i = 0; i < 5; i++) {
                trail.record(new io.wardgate.api.pipeline.AuditEvent(java.time.Instant.now(), "user:alice", "LOGIN_SUCCEEDED",
                        "alice", io.wardgate.api.pipeline.AuditEvent.Outcome.SUCCESS, "test " + i));
            }
        }
        String[] args = {"check", "--data", root.resolve("data").toString(), "--conf", root.resolve("conf").toString(),
            "--logs", root.resolve("logs").toString(), "--sbom", root.resolve("none.json").toString()};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        assertThat(out.toString(StandardCharsets.UTF_8)).containsPattern("PASS +audit-chain").contains("hash chain intact");

        try (var files = Files.list(audit)) {
            Path segment = files.filter(Files::isRegularFile).filter(f -> f.toFile().length() > 200).findFirst().orElseThrow();
            String text = Files.readString(segment, StandardCharsets.ISO_8859_1);
            Files.writeString(segment, text.replace("test 2", "test 9"), StandardCharsets.ISO_8859_1);
        }
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        Main.run(args, new PrintStream(again, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        assertThat(again.toString(StandardCharsets.UTF_8)).containsPattern("FAIL +audit-chain").contains("broken");
    }

    @Test
    void versionNamesTheRelease() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(Main.run(new String[] {"--version"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream()))).isEqualTo(Command.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).matches("wardgate \\d+\\.\\d+\\.\\d+\\S* \\(Java .*\\)\\R");
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
