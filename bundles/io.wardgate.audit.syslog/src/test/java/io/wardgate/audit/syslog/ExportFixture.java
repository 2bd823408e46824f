package io.wardgate.audit.syslog;

import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.api.pipeline.AuditEvent.Outcome;
import io.wardgate.audit.AuditSettings;
import io.wardgate.audit.FileAuditTrail;
import io.wardgate.testkit.Issued;
import io.wardgate.testkit.TestGatewayIdentity;
import io.wardgate.testkit.TestPki;
import io.wardgate.testkit.TestTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import javax.net.ssl.SSLContext;

/**
 * A real audit trail in a temporary directory, a throw-away PKI, the gateway's identity (CN = gateway id), and
 * the collector's TLS context (server certificate for localhost and 127.0.0.1, trusting the same CA).
 */
final class ExportFixture implements AutoCloseable {
    static final String GATEWAY = "wg-test-1";

    final Path dir;
    final TestPki pki = TestPki.create("atna-test-ca");
    final TestGatewayIdentity identity = TestGatewayIdentity.issue(pki, GATEWAY);
    final Path trustAnchors;
    final FileAuditTrail trail;
    final TlsCollector.Received received = new TlsCollector.Received();
    private int appended;

    ExportFixture(Path dir) throws IOException {
        this.dir = dir;
        this.trustAnchors = pki.writeCaPem(dir.resolve("collector-ca.pem"));
        this.trail = FileAuditTrail.open(new AuditSettings(dir.resolve("audit"), 4L * 1024 * 1024, 64 * 1024, 80,
                GATEWAY, "st-marys/icu-3"), Clock.systemUTC(), new SecureRandom());
    }

    /** The collector's side: its own certificate from this PKI, client certificates from this PKI required. */
    SSLContext collectorContext() {
        return TestTls.context(pki.server("collector"), pki.caCertificate());
    }

    /** A collector whose certificate comes from another CA. */
    SSLContext foreignCollectorContext() {
        Issued foreign = TestPki.create("someone-else").server("collector");
        return TestTls.context(foreign, pki.caCertificate());
    }

    TlsCollector collector(int port) {
        try {
            return TlsCollector.start(collectorContext(), port, received);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ExportSettings settings(int port) {
        return ExportSettings.of("127.0.0.1", port, "localhost", trustAnchors, dir.resolve("export/cursor"));
    }

    ExportEngine engine(ExportSettings settings) {
        return new ExportEngine(settings, trail, () -> trail, () -> identity, Clock.systemUTC(), new SecureRandom())
                .start();
    }

    /** Appends {@code count} ordinary records (a device approval, a configuration change, ...). */
    void append(int count) {
        for (int i = 0; i < count; i++) {
            int n = ++appended;
            trail.record(new AuditEvent(Instant.now(), "user:alice", n % 2 == 0 ? "CONFIG_CHANGED" : "DEVICE_APPROVED",
                    "serial:/dev/wardgate/bed-" + n, Outcome.SUCCESS, "record " + n + " <of the test> & more"));
        }
    }

    long lastSequence() {
        return trail.status().lastSequence();
    }

    @Override
    public void close() throws IOException {
        trail.close();
    }
}
