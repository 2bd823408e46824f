package io.wardgate.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.manage.TestGateway;
import io.wardgate.testkit.Issued;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * `wardgate admin` as IT runs it, through Main.run, against a real gateway side (TestGateway from
 * io.wardgate.manage's tests: mosquitto, uplink, management service, a real Felix for config.*).
 */
class AdminCommandTest {
    @TempDir
    static Path dir;
    static TestGateway gateway;

    record Run(int code, String out, String err) {
    }

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.startWithConfiguration(dir, "wg-cli-0001");
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("host", "broker.hospital");
        properties.put("secret", "cli-test-secret");
        gateway.felix().service(ConfigurationAdmin.class).getConfiguration("io.wardgate.test.FixtureA", "?")
                .update(properties);
        gateway.contribute("test.digest", (request, context) -> Map.of("sha256", HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(context.upload())))));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    static Run admin(List<String> options, String... operation) {
        List<String> args = new ArrayList<>();
        args.add("admin");
        args.addAll(options);
        args.addAll(List.of(operation));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args.toArray(new String[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void statusPrintsProgressAndTheVerifiedReplyAsJson() {
        Run run = admin(gateway.cliOptions(), "status");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("{").contains("\"status\":\"ok\"").contains("\"gateway\":\"wg-cli-0001\"")
                .contains("\"certificates\":[");
        assertThat(run.err()).contains("# connected to ssl://localhost:").contains("# sent status as request");
    }

    @Test
    void configGetShowsValuesAndOnlyWhetherAPasswordIsSet() {
        Run run = admin(gateway.cliOptions(), "config.get", "pid=io.wardgate.test.FixtureA");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"host\":\"broker.hospital\"").contains("\"secret\":\"set\"")
                .doesNotContain("cli-test-secret");
    }

    @Test
    void configPutTakesJsonArgumentsAndAnInvalidValueExitsWithError() {
        Run ok = admin(gateway.cliOptions(), "config.put",
                "changes:={\"io.wardgate.test.FixtureA\": {\"port\": 1884, \"secret\": \"********\"}}");
        assertThat(ok.code()).as(ok.err() + ok.out()).isZero();
        assertThat(ok.out()).contains("\"applied\":[");
        Run bad = admin(gateway.cliOptions(), "config.put", "changes:={\"io.wardgate.test.FixtureA\": {\"port\": 0}}");
        assertThat(bad.code()).isEqualTo(AdminCommand.ERROR);
        assertThat(bad.out()).contains("\"status\":\"error\"").contains("nothing changed");
    }

    @Test
    void aRequestSignedWithAKeyTheGatewayDoesNotTrustIsRefused() {
        Issued stranger = gateway.pki().client("someone-else");
        List<String> options = new ArrayList<>(gateway.cliOptions());
        options.set(options.indexOf("--key") + 1, stranger.writeKeyPem(dir.resolve("stranger-key.pem")).toString());
        options.set(options.indexOf("--key-cert") + 1,
                stranger.writeCertificatePem(dir.resolve("stranger-cert.pem")).toString());
        Run run = admin(options, "status");
        assertThat(run.code()).isEqualTo(AdminCommand.REFUSED);
        assertThat(run.out()).contains("\"status\":\"refused\"").contains("does not trust");
    }

    @Test
    void aFileIsUploadedInChunksBeforeTheRequestThatNamesIt() throws Exception {
        byte[] content = new byte[700_000];
        new java.security.SecureRandom().nextBytes(content);
        Path file = Files.write(dir.resolve("update.bin"), content);
        List<String> options = new ArrayList<>(gateway.cliOptions());
        options.addAll(List.of("--upload", file.toString()));
        Run run = admin(options, "test.digest");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("# uploaded chunk 3 (700000 bytes)");
        assertThat(run.out()).contains(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
    }

    @Test
    void helpDocumentsEveryOperationAndBadUsageExitsWithTwo() {
        Run help = admin(List.of("--help"));
        assertThat(help.code()).isZero();
        for (String op : List.of("status", "allowlist.approve", "allowlist.revoke", "audit.fetch", "config.list",
                "config.get", "config.put", "identity.csr", "identity.install", "update.install", "update.status", "restart",
                "--upload", "--tls-p12", "--key-cert")) {
            assertThat(help.out()).contains(op);
        }
        Run missing = admin(List.of("--site", "a"), "status");
        assertThat(missing.code()).isEqualTo(Command.USAGE);
        assertThat(missing.err()).contains("--broker is required");
        assertThat(admin(List.of()).code()).isEqualTo(Command.USAGE);
    }
}
