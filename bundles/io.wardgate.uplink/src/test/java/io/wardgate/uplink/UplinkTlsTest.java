package io.wardgate.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wardgate.testkit.Issued;
import io.wardgate.testkit.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import io.wardgate.shared.tls.RevocationChecker;
import io.wardgate.shared.tls.SubjectAltNames;
import io.wardgate.shared.tls.TlsPolicy;
import io.wardgate.shared.tls.TrustAnchors;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** S2/S13: what the gateway offers, and the second hostname check, without a network. */
class UplinkTlsTest {
    private static final TestPki PKI = TestPki.create("Unit test CA");

    @TempDir
    Path dir;

    private SSLSocket socket(boolean allowTls12) throws Exception {
        TlsPolicy policy = new TlsPolicy(allowTls12);
        SSLSocketFactory factory = policy.clientSocketFactory(TlsPolicy.context(
                new KeyManager[] {PKI.client("wg-1").keyManager()}, TrustAnchors.trustManagers(
                        TrustAnchors.read(PKI.writeCaPem(dir.resolve("ca.pem"))), RevocationChecker.off())));
        return (SSLSocket) factory.createSocket();
    }

    @Test
    void byDefaultOnlyTls13IsOffered() throws Exception {
        try (SSLSocket socket = socket(false)) {
            assertThat(socket.getEnabledProtocols()).containsExactly("TLSv1.3");
            assertThat(socket.getEnabledCipherSuites()).containsExactlyInAnyOrderElementsOf(TlsPolicy.TLS13_SUITES);
            assertThat(socket.getSSLParameters().getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
        }
    }

    @Test
    void tls12WhenAllowedOffersOnlyEcdheWithAead() throws Exception {
        try (SSLSocket socket = socket(true)) {
            assertThat(socket.getEnabledProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
            assertThat(socket.getEnabledCipherSuites()).allSatisfy(suite -> assertThat(suite)
                    .satisfiesAnyOf(s -> assertThat(TlsPolicy.TLS13_SUITES).contains(s),
                            s -> assertThat(s).startsWith("TLS_ECDHE_").containsAnyOf("_GCM_", "_CHACHA20_POLY1305_")));
            assertThat(socket.getEnabledProtocols()).doesNotContain("TLSv1", "TLSv1.1");
        }
    }

    @Test
    void trustAnchorsMustBeConfiguredAndReadable() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        assertThatThrownBy(() -> TrustAnchors.read(empty))
                .isInstanceOf(GeneralSecurityException.class).hasMessageContaining("no CA certificate");
        assertThatThrownBy(() -> TrustAnchors.read(dir.resolve("missing.pem")))
                .isInstanceOf(java.io.IOException.class);
    }

    @Test
    void hostnamesMatchOnlySubjectAltNames() {
        Issued server = PKI.server("broker", "*.ward.example.org");
        assertThat(SubjectAltNames.names(server.certificate(), "localhost")).isTrue();
        assertThat(SubjectAltNames.names(server.certificate(), "LOCALHOST")).isTrue();
        assertThat(SubjectAltNames.names(server.certificate(), "127.0.0.1")).isTrue();
        assertThat(SubjectAltNames.names(server.certificate(), "mq.ward.example.org")).isTrue();
        assertThat(SubjectAltNames.names(server.certificate(), "a.mq.ward.example.org")).isFalse();
        assertThat(SubjectAltNames.names(server.certificate(), "ward.example.org")).isFalse();
        assertThat(SubjectAltNames.names(server.certificate(), "broker")).isFalse(); // the CN does not count
        assertThat(SubjectAltNames.names(server.certificate(), "127.0.0.2")).isFalse();
        assertThat(SubjectAltNames.names(PKI.serverFor("other.example").certificate(), "localhost")).isFalse();
    }

    @Test
    void aPlaintextUrlNeverReachesTheTransport() {
        assertThatThrownBy(() -> UplinkSettings.of(List.of(BrokerEndpoint.parse("tcp://localhost:1883")), "s", "w",
                dir.resolve("ca.pem"))).hasMessageContaining("plaintext");
    }
}
