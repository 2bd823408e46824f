package io.wardgate.uplink;

import static io.wardgate.uplink.UplinkFixture.firstArrivals;
import static io.wardgate.uplink.UplinkFixture.store;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.wardgate.outbox.OutboxEngine;
import io.wardgate.shared.tls.RevocationChecker;
import io.wardgate.shared.tls.TlsPolicy;
import io.wardgate.shared.tls.TrustAnchors;
import io.wardgate.testkit.BrokerSetup;
import io.wardgate.testkit.Brokers;
import io.wardgate.testkit.MqttBroker;
import io.wardgate.testkit.RequiredTools;
import io.wardgate.testkit.TestSubscriber;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which TLS 1.3 suite the uplink ends up with against a real mosquitto (docs/operations.md, "What the broker must
 * provide"): ChaCha20-Poly1305 by default (the cheaper AEAD on the appliance's JIT), AES-GCM against a broker that
 * allows only AES-GCM (a FIPS policy), never a failed connection.
 */
class CipherSuiteTest {
    @TempDir
    Path dir;

    private UplinkFixture fixture;

    @BeforeEach
    void setUp() {
        if (!Brokers.mosquittoInstalled()) {
            RequiredTools.unavailable("the cipher suite tests configure mosquitto (Debian package mosquitto)");
        }
        fixture = new UplinkFixture(dir);
    }

    @AfterEach
    void tearDown() {
        if (fixture != null) {
            fixture.close();
        }
    }

    /** The suite negotiated by a socket set up as the uplink sets up its own (UplinkEngine#connectRequest). */
    private String negotiated(MqttBroker broker, TlsPolicy policy) throws Exception {
        var factory = policy.clientSocketFactory(TlsPolicy.context(new KeyManager[] {fixture.identity.tlsKeyManager()},
                TrustAnchors.trustManagers(TrustAnchors.read(fixture.trustAnchors), RevocationChecker.off())));
        try (SSLSocket socket = (SSLSocket) factory.createSocket("localhost", broker.port())) {
            socket.startHandshake();
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
            return socket.getSession().getCipherSuite();
        }
    }

    @Test
    void theFirstOfferIsChaCha20Poly1305AloneOfTheVersionsOffered() {
        assertThat(new TlsPolicy(false).chaCha20Only().cipherSuites()).containsExactly("TLS_CHACHA20_POLY1305_SHA256");
        assertThat(new TlsPolicy(true).chaCha20Only().cipherSuites()).containsExactly("TLS_CHACHA20_POLY1305_SHA256",
                "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
        assertThat(new TlsPolicy(true).chaCha20Only().protocols()).containsExactly("TLSv1.3", "TLSv1.2");
    }

    @Test
    void mosquittoPicksByItsOwnOrderSoOnlyOfferingChaCha20AloneGetsIt() throws Exception {
        MqttBroker broker = fixture.mosquitto(BrokerSetup.of(dir.resolve("default"), fixture.pki));
        // The broker's preference (OpenSSL's default order: AES-256-GCM first) wins over the client's.
        assertThat(negotiated(broker, new TlsPolicy(false))).isEqualTo("TLS_AES_256_GCM_SHA384");
        assertThat(negotiated(broker, new TlsPolicy(false).chaCha20Only())).isEqualTo("TLS_CHACHA20_POLY1305_SHA256");
    }

    @Test
    void aBrokerAllowingOnlyAesGcmRefusesChaCha20AndTheUplinkStillDeliversOverAesGcm() throws Exception {
        MqttBroker broker = fixture.mosquitto(BrokerSetup.of(dir.resolve("fips"), fixture.pki)
                .withTls13Ciphers("TLS_AES_256_GCM_SHA384"));
        assertThatThrownBy(() -> negotiated(broker, new TlsPolicy(false).chaCha20Only()))
                .isInstanceOf(SSLHandshakeException.class);
        assertThat(negotiated(broker, new TlsPolicy(false))).isEqualTo("TLS_AES_256_GCM_SHA384");

        TestSubscriber backend = fixture.subscriber(broker);
        OutboxEngine outbox = fixture.outbox();
        for (int i = 0; i < 10; i++) {
            store(outbox, "serial:/dev/ttyUSB0", i);
        }
        UplinkEngine uplink = fixture.uplink(fixture.settings(broker.url()), outbox);
        await().atMost(Duration.ofSeconds(30)).until(() -> outbox.status().envelopes() == 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> firstArrivals(backend.received())
                .getOrDefault("serial:/dev/ttyUSB0", List.of()).size() == 10);
        assertThat(uplink.status().connected()).isTrue();
        assertThat(uplink.status().lastError()).isNullOrEmpty();
    }
}
