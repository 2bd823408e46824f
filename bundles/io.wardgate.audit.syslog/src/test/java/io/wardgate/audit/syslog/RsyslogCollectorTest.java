package io.wardgate.audit.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.audit.api.AuditQuery;
import io.wardgate.testkit.FreePort;
import io.wardgate.testkit.Issued;
import io.wardgate.testkit.RequiredTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * S18 against a real collector: Debian's rsyslog (packages rsyslog and rsyslog-gnutls) with imtcp over
 * gnutls, client certificates required (x509/certvalid). rsyslog closes its side when we close ours, so
 * sessions are confirmed; killed (SIGKILL) and restarted, it still receives every record.
 */
class RsyslogCollectorTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Pattern SEQ = Pattern.compile("seq=\"(\\d+)\"");

    @TempDir
    Path dir;
    private Process rsyslogd;

    @AfterEach
    void stop() throws InterruptedException {
        if (rsyslogd != null) {
            rsyslogd.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void rsyslogReceivesEveryRecordAcrossAKillAndRestart() throws Exception {
        requireRsyslogWithGnutls();
        try (ExportFixture fixture = new ExportFixture(dir)) {
            int port = FreePort.pick();
            Path received = dir.resolve("received.log");
            Path config = writeConfig(fixture, port, received);
            start(config, port);
            try (ExportEngine engine = fixture.engine(fixture.settings(port))) {
                fixture.append(20);
                // Confirmed: rsyslog answered our close_notify by closing, after reading every frame.
                await().atMost(DEADLINE).until(() -> engine.status().confirmedSequence() == 20);
                await().atMost(DEADLINE).until(() -> counts(received).keySet().containsAll(
                        AtnaExportEndToEndTest.range(1, 20)));

                rsyslogd.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // killed
                fixture.append(20);
                await().atMost(DEADLINE).until(() -> !engine.status().lastError().isEmpty());
                start(config, port);

                // The export audits its own outage (FAILED) and, after the first confirmed session, its
                // recovery (RESTORED): only once that record is out has everything been sent.
                await().atMost(DEADLINE).until(() -> !fixture.trail.query(
                                AuditQuery.latest(10).withAction(SelfAudit.RESTORED)).isEmpty()
                        && engine.status().confirmedSequence() == fixture.lastSequence()
                        && counts(received).keySet().containsAll(
                                AtnaExportEndToEndTest.range(1, fixture.lastSequence())));
            }
            Map<Long, Integer> counts = counts(received);
            assertThat(counts.keySet()).containsAll(AtnaExportEndToEndTest.range(1, fixture.lastSequence()));
            String text = Files.readString(received, StandardCharsets.UTF_8);
            assertThat(text).contains(ExportFixture.GATEWAY + " IHE+RFC-3881 [wardgate@32473 seq=\"1\"");
        }
    }

    private Path writeConfig(ExportFixture fixture, int port, Path received) throws IOException, InterruptedException {
        Issued server = fixture.pki.server("rsyslog");
        Path certificate = server.writeCertificatePem(dir.resolve("server.pem"));
        Path javaKey = server.writeKeyPem(dir.resolve("server-java.key"));
        // GnuTLS refuses the PKCS#8 EC key JCA writes (its ECPrivateKey has no public key): "openssl ec"
        // rewrites it as SEC1 with the public key.
        Path key = dir.resolve("server.key");
        RequiredTools.run("openssl", "ec", "-in", javaKey.toString(), "-out", key.toString());
        Path work = Files.createDirectories(dir.resolve("work"));
        String conf = "global(workDirectory=\"" + work + "\" maxMessageSize=\"64k\"\n"
                + "  DefaultNetstreamDriver=\"gtls\" DefaultNetstreamDriverCAFile=\"" + fixture.trustAnchors + "\"\n"
                + "  DefaultNetstreamDriverCertFile=\"" + certificate + "\" DefaultNetstreamDriverKeyFile=\"" + key
                + "\")\n"
                + "module(load=\"imtcp\" StreamDriver.Name=\"gtls\" StreamDriver.Mode=\"1\""
                + " StreamDriver.AuthMode=\"x509/certvalid\")\n"
                + "input(type=\"imtcp\" port=\"" + port + "\" address=\"127.0.0.1\")\n"
                + "template(name=\"atna\" type=\"string\" string=\"%hostname% %msgid% %structured-data%\\n\")\n"
                + "action(type=\"omfile\" file=\"" + received + "\" template=\"atna\")\n";
        return Files.writeString(dir.resolve("rsyslog.conf"), conf, StandardCharsets.US_ASCII);
    }

    private void start(Path config, int port) throws IOException {
        rsyslogd = new ProcessBuilder("rsyslogd", "-n", "-f", config.toString(), "-i", dir.resolve("rsyslogd.pid")
                .toString()).redirectErrorStream(true).redirectOutput(dir.resolve("rsyslogd.out").toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> FreePort.accepting(port) || !rsyslogd.isAlive());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            Assertions.fail("rsyslogd does not listen: " + Files.readString(dir.resolve("rsyslogd.out")), e);
        }
        assertThat(rsyslogd.isAlive()).as("rsyslogd: " + Files.readString(dir.resolve("rsyslogd.out"))).isTrue();
    }

    private static Map<Long, Integer> counts(Path received) throws IOException {
        Map<Long, Integer> counts = new TreeMap<>();
        if (!Files.exists(received)) {
            return counts;
        }
        Matcher m = SEQ.matcher(Files.readString(received, StandardCharsets.UTF_8));
        while (m.find()) {
            counts.merge(Long.parseLong(m.group(1)), 1, Integer::sum);
        }
        return counts;
    }

    /** rsyslogd and its gnutls network driver (Debian: rsyslog, rsyslog-gnutls). */
    private static void requireRsyslogWithGnutls() throws IOException {
        RequiredTools.require("the rsyslog collector test", "rsyslogd", "openssl");
        boolean gtls = false;
        try (DirectoryStream<Path> lib = Files.newDirectoryStream(Path.of("/usr/lib"))) {
            for (Path entry : lib) {
                gtls |= Files.exists(entry.resolve("rsyslog/lmnsd_gtls.so"));
            }
        }
        gtls |= Files.exists(Path.of("/usr/lib/rsyslog/lmnsd_gtls.so"));
        if (!gtls) {
            RequiredTools.unavailable(
                    "the rsyslog collector test needs rsyslog's gnutls driver (Debian package rsyslog-gnutls)");
        }
    }
}
