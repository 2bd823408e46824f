package io.wardgate.uplink;

import static io.wardgate.uplink.UplinkFixture.store;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.outbox.OutboxEngine;
import io.wardgate.shared.tls.RevocationSettings;
import io.wardgate.testkit.BrokerSetup;
import io.wardgate.testkit.Brokers;
import io.wardgate.testkit.CrlServer;
import io.wardgate.testkit.Issued;
import io.wardgate.testkit.MosquittoBroker;
import io.wardgate.testkit.MqttBroker;
import io.wardgate.testkit.RequiredTools;
import io.wardgate.testkit.TestGatewayIdentity;
import io.wardgate.testkit.TestPki;
import io.wardgate.testkit.TestSubscriber;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * S2 against a real broker: the broker refuses a bad client certificate, and the gateway refuses a
 * bad server (wrong name, expired, foreign CA, revoked) and audits why. Nothing leaves the outbox.
 */
class MutualTlsTest {
    @TempDir
    Path dir;

    private UplinkFixture fixture;
    private OutboxEngine outbox;

    @BeforeEach
    void setUp() {
        fixture = new UplinkFixture(dir);
        outbox = fixture.outbox();
        store(outbox, "a", 0);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private UplinkEngine uplinkAs(TestGatewayIdentity identity, UplinkSettings settings) {
        return fixture.track(new UplinkEngine(settings, outbox, identity, new PahoTransport(), () -> fixture.audit,
                Clock.systemUTC(), new SplittableRandom()).start());
    }

    /** Waits for a refused connection and checks that nothing was sent or removed. */
    private void assertRefused(UplinkEngine uplink, String reasonPart) {
        // The reason can change between attempts (a first "broken pipe", then the TLS alert): wait for it.
        await().atMost(Duration.ofSeconds(20)).until(() -> uplink.status().lastError().contains(reasonPart));
        assertThat(uplink.status().connected()).isFalse();
        assertThat(uplink.status().acknowledged()).isZero();
        assertThat(outbox.status().envelopes()).isEqualTo(1);
    }

    @Test
    void theBrokerRefusesAnExpiredClientCertificate() {
        MqttBroker broker = fixture.broker();
        Issued expired = fixture.pki.expired(TestPki.Profile.client(UplinkFixture.GATEWAY));
        UplinkEngine uplink = uplinkAs(new TestGatewayIdentity(UplinkFixture.GATEWAY, expired),
                fixture.settings(broker.url()));
        // mosquitto (OpenSSL) names the reason in its alert; HiveMQ (JSSE) answers with a generic one.
        assertRefused(uplink, broker.kind().equals("mosquitto") ? "certificate_expired" : "SSL");
        TestSubscriber backend = fixture.subscriber(broker); // the broker itself is fine
        assertThat(backend.isConnected()).isTrue();
        assertThat(backend.received()).isEmpty();
    }

    @Test
    void theBrokerRefusesARevokedClientCertificate() {
        // HiveMQ CE has no CRL setting: this is mosquitto's crlfile, as docs/operations.md configures it.
        if (!Brokers.mosquittoInstalled()) {
            RequiredTools.unavailable("the broker-side revocation test needs mosquitto (Debian package mosquitto)");
        }
        TestGatewayIdentity revoked = TestGatewayIdentity.issue(fixture.pki, UplinkFixture.GATEWAY);
        MqttBroker broker = fixture.track(new MosquittoBroker(BrokerSetup.of(dir.resolve("crl-broker"), fixture.pki)
                .withClientCrl(fixture.pki.crl(revoked.certificateChain().get(0)))));
        broker.start();
        UplinkEngine uplink = uplinkAs(revoked, fixture.settings(broker.url()));
        assertRefused(uplink, "certificate_revoked");

        // Control: the same broker lets a gateway whose certificate the CRL does not list in.
        UplinkEngine other = uplinkAs(TestGatewayIdentity.issue(fixture.pki, UplinkFixture.GATEWAY),
                fixture.settings(broker.url()));
        await().atMost(Duration.ofSeconds(20)).until(() -> other.status().connected());
    }

    @Test
    void theBrokerRefusesAClientCertificateFromAForeignCa() {
        MqttBroker broker = fixture.broker();
        TestPki foreign = TestPki.create("Some other CA");
        UplinkEngine uplink = uplinkAs(TestGatewayIdentity.issue(foreign, UplinkFixture.GATEWAY),
                fixture.settings(broker.url()));
        assertRefused(uplink, broker.kind().equals("mosquitto") ? "unknown_ca" : "SSL");
    }

    @Test
    void theGatewayRefusesAServerCertificateForAnotherHost() {
        MqttBroker broker = fixture.broker(BrokerSetup.of(dir.resolve("b"), fixture.pki)
                .withServer(fixture.pki.serverFor("broker.elsewhere.example")));
        UplinkEngine uplink = fixture.uplink(fixture.settings(broker.url()), outbox);
        assertRefused(uplink, "localhost");
        assertTlsRejectionAudited("localhost");
    }

    @Test
    void theGatewayRefusesAnExpiredServerCertificate() {
        MqttBroker broker = fixture.broker(BrokerSetup.of(dir.resolve("b"), fixture.pki).withServer(fixture.pki
                .expired(TestPki.Profile.server("broker", java.util.List.of("localhost"), java.util.List.of()))));
        UplinkEngine uplink = fixture.uplink(fixture.settings(broker.url()), outbox);
        assertRefused(uplink, "validity");
        assertTlsRejectionAudited("validity");
    }

    @Test
    void theGatewayRefusesAServerFromAForeignCa() {
        TestPki foreign = TestPki.create("Impostor CA");
        MqttBroker broker = fixture.broker(BrokerSetup.of(dir.resolve("b"), fixture.pki)
                .withServer(foreign.server("broker")));
        UplinkEngine uplink = fixture.uplink(fixture.settings(broker.url()), outbox);
        assertRefused(uplink, "PKIX");
        assertTlsRejectionAudited("PKIX");
    }

    @Test
    void theGatewayRefusesARevokedServerCertificateListedInItsCrl() {
        Issued server = fixture.pki.server("broker");
        MqttBroker broker = fixture.broker(BrokerSetup.of(dir.resolve("b"), fixture.pki).withServer(server));
        Path crl = fixture.pki.writeCrlPem(dir.resolve("revoked.crl.pem"), server.certificate());
        UplinkEngine uplink = fixture.uplink(fixture.settings(broker.url()).withCrl(crl), outbox);
        assertRefused(uplink, "revoked");
        assertTlsRejectionAudited("revoked");
    }

    /** #20 finding 5: revocation is on by default; the broker's certificate names its CRL distribution point. */
    @Test
    void theGatewayRefusesABrokerRevokedAtItsCrlDistributionPointByDefault() {
        try (CrlServer crls = CrlServer.start()) {
            MqttBroker broker = revokedBroker(crls);
            UplinkEngine uplink = fixture.uplink(fixture.settings(broker.url()), outbox);
            assertRefused(uplink, "revoked");
            assertTlsRejectionAudited("revoked");
            assertThat(crls.requests()).isPositive();
        }
    }

    @Test
    void theExplicitOptOutIsAuditedAndLetsTheSameBrokerIn() {
        try (CrlServer crls = CrlServer.start()) {
            MqttBroker broker = revokedBroker(crls);
            fixture.uplink(fixture.settings(broker.url()).withRevocation(RevocationSettings.off()), outbox);
            await().atMost(Duration.ofSeconds(20)).until(() -> outbox.status().envelopes() == 0);
            assertThat(fixture.audit.withAction("UPLINK_REVOCATION_OFF")).hasSize(1);
            assertThat(crls.requests()).isZero();
        }
    }

    /** A broker whose certificate names {@code crls} as its distribution point, which lists it as revoked. */
    private MqttBroker revokedBroker(CrlServer crls) {
        Issued server = fixture.pki.issueRevocable(TestPki.Profile.server("broker", List.of("localhost"),
                List.of("127.0.0.1")), crls.url(), null);
        crls.serve(fixture.pki.crl(server.certificate()));
        return fixture.broker(BrokerSetup.of(dir.resolve("b"), fixture.pki).withServer(server));
    }

    @Test
    void aCrlThatDoesNotListTheServerLetsItIn() {
        MqttBroker broker = fixture.broker();
        Path crl = fixture.pki.writeCrlPem(dir.resolve("other.crl.pem"), fixture.pki.server("retired").certificate());
        fixture.uplink(fixture.settings(broker.url()).withCrl(crl), outbox);
        await().atMost(Duration.ofSeconds(20)).until(() -> outbox.status().envelopes() == 0);
    }

    private void assertTlsRejectionAudited(String reasonPart) {
        // The engine sets its status before it records the audit event: wait for the event too.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(fixture.audit.withAction("UPLINK_TLS_REJECTED")).isNotEmpty().allSatisfy(event -> {
                    assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.DENIED);
                    assertThat(event.detail()).contains(reasonPart);
                }));
    }
}
