package io.wardgate.check;

import io.wardgate.testkit.RequiredTools;
import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.check.CheckResult.Status;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The self-check on a good installation passes every check, and on a deliberately weakened one
 * fails exactly the checks that were weakened. Real files, a real keytool-made keystore, real
 * listening sockets of this JVM read from /proc, and the real firewall rules loaded in a network
 * namespace.
 */
class SelfCheckTest {
    static final Path RULES = Path.of("../../hardware/common/wardgate.nft").toAbsolutePath().normalize();
    static final Path SITE = Path.of("../../hardware/common/firewall-site.nft").toAbsolutePath().normalize();
    static String namespace;

    @BeforeAll
    static void firewallInANamespace(@TempDir Path site) throws Exception {
        RequiredTools.require("the firewall check", "ip", "nft");
        namespace = "wgchk-" + UUID.randomUUID().toString().substring(0, 8);
        RequiredTools.run("ip", "netns", "add", namespace);
        Files.copy(SITE, site.resolve("firewall-site.nft"));
        RequiredTools.run("ip", "netns", "exec", namespace, "nft", "-I", site.toString(), "-f", RULES.toString());
    }

    @AfterAll
    static void removeNamespace() throws Exception {
        if (namespace != null) {
            RequiredTools.run("ip", "netns", "del", namespace);
        }
    }

    static List<String> nftIn(String ns) {
        return List.of("ip", "netns", "exec", ns, "nft", "list", "table", "inet", "wardgate");
    }

    @Test
    void aGoodInstallationPassesEveryCheck(@TempDir Path root) throws Exception {
        Installations.dirs(root);
        Installations.key(root, "gateway", Installations.strongPassword(), 365, null);
        Installations.write(root.resolve("conf/conf/io.wardgate.uplink.Broker.config"),
                "tls.protocols=[\"TLSv1.3\",\"TLSv1.2\"]\nhostname.verification=B\"true\"\nkeystore.password=\"\"\n", "rw-------");
        Installations.sbom(root.resolve("sbom.cdx.json"));
        Installations.chownToService(root);
        try (ServerSocket https = Installations.listen()) {
            Report report = SelfCheck.withBuiltIns(List.of())
                    .run(Installations.of(root, List.of("tcp/" + https.getLocalPort()), nftIn(namespace)));

            assertThat(statuses(report)).as(report.toText()).containsExactly(
                    Map.entry("permissions", Status.PASS), Map.entry("listening-sockets", Status.PASS),
                    Map.entry("tls-settings", Status.PASS), Map.entry("certificate-expiry", Status.PASS),
                    Map.entry("default-credentials", Status.PASS), Map.entry("firewall", Status.PASS),
                    Map.entry("sbom", Status.PASS), Map.entry("key-storage", Status.PASS), // (a file key: no /dev/tpmrm0 here)
                    Map.entry("audit-chain", Status.SKIPPED));
            assertThat(report.passed()).isTrue();
            assertThat(report.toText()).endsWith("8 passed, 0 failed, 1 skipped" + System.lineSeparator());
        }
    }

    @Test
    void aWeakenedInstallationFailsWhatWasWeakened(@TempDir Path root) throws Exception {
        Installations.dirs(root);
        Installations.key(root, "gateway", "changeit", 30, "-60d");
        Files.setPosixFilePermissions(root.resolve("data"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(root.resolve("data/identity/gateway.p12"), PosixFilePermissions.fromString("rw-r--r--"));
        // A keystore's password file is as secret as the key.
        Files.setPosixFilePermissions(root.resolve("data/identity/gateway.pass"), PosixFilePermissions.fromString("rw-r-----"));
        Installations.write(root.resolve("conf/conf/io.wardgate.web.Users.config"), "admin.password=\"admin\"\n", "rw-------");
        Installations.write(root.resolve("conf/conf/io.wardgate.uplink.Broker.cfg"),
                "tls.protocols = TLSv1.1,TLSv1.2\n", "rw-------");
        // A token named without the PIN file to log in with.
        Installations.write(root.resolve("conf/conf/io.wardgate.seal.Identity.config"), "keyStorage=\"pkcs11\"\n",
                "rw-------");
        Installations.chownToService(root);
        String emptyNamespace = "wgchk-" + UUID.randomUUID().toString().substring(0, 8);
        RequiredTools.run("ip", "netns", "add", emptyNamespace);
        try (ServerSocket https = Installations.listen(); ServerSocket debug = Installations.listen()) {
            Report report = SelfCheck.withBuiltIns(List.of())
                    .run(Installations.of(root, List.of("tcp/" + https.getLocalPort()), nftIn(emptyNamespace)));

            assertThat(statuses(report)).as(report.toText()).containsExactly(
                    Map.entry("permissions", Status.FAIL), Map.entry("listening-sockets", Status.FAIL),
                    Map.entry("tls-settings", Status.FAIL), Map.entry("certificate-expiry", Status.FAIL),
                    Map.entry("default-credentials", Status.FAIL), Map.entry("firewall", Status.FAIL),
                    Map.entry("sbom", Status.FAIL), Map.entry("key-storage", Status.FAIL),
                    Map.entry("audit-chain", Status.SKIPPED));
            String text = report.toText();
            assertThat(text).contains("data is 0755, not 0700").contains("gateway.p12 is 0644, not 0600")
                    .contains("gateway.pass is 0640, not 0600")
                    .contains("tcp/" + debug.getLocalPort() + " on 127.0.0.1")
                    .doesNotContain("tcp/" + https.getLocalPort() + " on")
                    .contains("tls.protocols enables an old protocol").contains("expired")
                    .contains("admin.password is a well-known default")
                    .contains("keystore gateway.p12 opens with a well-known default password")
                    .contains("no SBOM at");
            assertThat(text).doesNotContain("\"admin\"");
            assertThat(report.passed()).isFalse();
        } finally {
            RequiredTools.run("ip", "netns", "del", emptyNamespace);
        }
    }

    @Test
    void aContributedProbeReplacesTheSkippedAuditCheck(@TempDir Path root) throws Exception {
        Probe audit = new Probe() {
            @Override
            public String id() {
                return "audit-chain";
            }

            @Override
            public CheckResult run(Installation installation) {
                return CheckResult.fail(id(), "S17", "record 12 does not chain to record 11");
            }
        };
        Installations.dirs(root);
        Report report = SelfCheck.withBuiltIns(List.of(audit)).run(Installations.of(root, List.of(), List.of()));
        assertThat(report.results()).filteredOn(r -> r.id().equals("audit-chain")).singleElement()
                .extracting(CheckResult::status).isEqualTo(Status.FAIL);
        assertThat(report.results()).filteredOn(r -> r.id().equals("firewall")).singleElement()
                .extracting(CheckResult::status).isEqualTo(Status.SKIPPED);
    }

    @Test
    void theJsonReportCarriesEveryResult() {
        Report report = new Report(List.of(CheckResult.pass("sbom", "S21", "ok"),
                CheckResult.fail("permissions", "S12", "key \"x\"\n is 0644")));
        assertThat(report.toJson()).isEqualTo("{\"passed\":false,\"results\":["
                + "{\"id\":\"sbom\",\"requirement\":\"S21\",\"status\":\"PASS\",\"detail\":\"ok\"},"
                + "{\"id\":\"permissions\",\"requirement\":\"S12\",\"status\":\"FAIL\",\"detail\":\"key \\\"x\\\"\\n is 0644\"}]}");
    }

    private static List<Map.Entry<String, Status>> statuses(Report report) {
        return report.results().stream().map(r -> Map.entry(r.id(), r.status())).collect(Collectors.toList());
    }
}
