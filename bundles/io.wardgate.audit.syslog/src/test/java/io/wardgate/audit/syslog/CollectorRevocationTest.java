package io.wardgate.audit.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.audit.api.AuditQuery;
import io.wardgate.audit.api.AuditRecord;
import io.wardgate.shared.tls.RevocationSettings;
import io.wardgate.testkit.CrlServer;
import io.wardgate.testkit.Issued;
import io.wardgate.testkit.TestPki;
import io.wardgate.testkit.TestTls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * #20 finding 5 for the audit export: revocation of the collector's certificate is checked by default,
 * against the CRL distribution point the certificate names (a real HTTP server), over real TLS.
 */
class CollectorRevocationTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private ExportFixture fixture;
    private CrlServer crls;
    private Issued collectorCertificate;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new ExportFixture(dir);
        crls = CrlServer.start();
        collectorCertificate = fixture.pki.issueRevocable(TestPki.Profile.server("collector", List.of("localhost"),
                List.of("127.0.0.1")), crls.url(), null);
    }

    @AfterEach
    void tearDown() throws Exception {
        crls.close();
        fixture.close();
    }

    private TlsCollector collector() throws Exception {
        return TlsCollector.start(TestTls.context(collectorCertificate, fixture.pki.caCertificate()), 0,
                fixture.received);
    }

    @Test
    void aRevokedCollectorIsRefusedByDefaultAndNothingIsSent() throws Exception {
        crls.serve(fixture.pki.crl(collectorCertificate.certificate()));
        try (TlsCollector collector = collector();
                ExportEngine engine = fixture.engine(fixture.settings(collector.port()))) {
            fixture.append(3);

            await().atMost(DEADLINE).until(() -> engine.status().lastError().contains("revoked"));

            assertThat(fixture.received.messages()).isEmpty();
            assertThat(engine.status().confirmedSequence()).isZero();
            List<AuditRecord> refusals = fixture.trail.query(AuditQuery.latest(10).withAction(SelfAudit.TLS_REJECTED));
            assertThat(refusals).hasSize(1);
            assertThat(refusals.get(0).event().detail()).contains("revoked");
        }
    }

    @Test
    void aCollectorNotOnTheCrlIsUsedAndTheOptOutIsAudited() throws Exception {
        crls.serve(fixture.pki.crl(fixture.pki.server("retired").certificate()));
        try (TlsCollector collector = collector();
                ExportEngine engine = fixture.engine(fixture.settings(collector.port()))) {
            fixture.append(3);
            await().atMost(DEADLINE).until(() -> engine.status().confirmedSequence() >= 3);
            assertThat(crls.requests()).isPositive();
        }
        crls.serve(fixture.pki.crl(collectorCertificate.certificate()));
        try (TlsCollector collector = collector();
                ExportEngine engine = fixture.engine(fixture.settings(collector.port())
                        .withRevocation(RevocationSettings.off()))) {
            fixture.append(2);
            await().atMost(DEADLINE).until(() -> engine.status().confirmedSequence() >= 5);
            assertThat(fixture.trail.query(AuditQuery.latest(100).withAction(SelfAudit.REVOCATION_OFF))).hasSize(1);
        }
    }
}
