package io.wardgate.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wardgate.testkit.Issued;
import io.wardgate.testkit.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;
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
        SSLSocketFactory factory = UplinkTls.socketFactory(PKI.client("wg-1").keyManager(),
                PKI.writeCaPem(dir.resolve("ca.pem")), Optional.empty(), allowTls12);
        return (SSLSocket) factory.createSocket();
    }

    @Test
    void byDefaultOnlyTls13IsOffered() throws Exception {
        try (SSLSocket socket = socket(false)) {
            assertThat(socket.getEnabledProtocols()).containsExactly("TLSv1.3");
            assertThat(socket.getEnabledCipherSuites()).containsExactlyInAnyOrderElementsOf(UplinkTls.TLS13_SUITES);
            assertThat(socket.getSSLParameters().getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
        }
    }

    @Test
    void tls12WhenAllowedOffersOnlyEcdheWithAead() throws Exception {
        try (SSLSocket socket = socket(true)) {
            assertThat(socket.getEnabledProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
            assertThat(socket.getEnabledCipherSuites()).allSatisfy(suite -> assertThat(suite)
                    .satisfiesAnyOf(s -> assertThat(UplinkTls.TLS13_SUITES).contains(s),
                            s -> assertThat(s).startsWith("TLS_ECDHE_").containsAnyOf("_GCM_", "_CHACHA20_POLY1305_")));
            assertThat(socket.getEnabledProtocols()).doesNotContain("TLSv1", "TLSv1.1");
        }
    }

    @Test
    void trustAnchorsMustBeConfiguredAndReadable() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        assertThatThrownBy(() -> UplinkTls.trustManagers(empty, Optional.empty()))
                .isInstanceOf(GeneralSecurityException.class).hasMessageContaining("no CA certificate");
        assertThatThrownBy(() -> UplinkTls.trustManagers(dir.resolve("missing.pem"), Optional.empty()))
                .isInstanceOf(java.io.IOException.class);
    }

    @Test
    void hostnamesMatchOnlySubjectAltNames() {
        Issued server = PKI.server("broker", "*.ward.example.org");
        assertThat(StrictHostnameVerifier.matches("localhost", server.certificate())).isTrue();
        assertThat(StrictHostnameVerifier.matches("LOCALHOST", server.certificate())).isTrue();
        assertThat(StrictHostnameVerifier.matches("127.0.0.1", server.certificate())).isTrue();
        assertThat(StrictHostnameVerifier.matches("mq.ward.example.org", server.certificate())).isTrue();
        assertThat(StrictHostnameVerifier.matches("a.mq.ward.example.org", server.certificate())).isFalse();
        assertThat(StrictHostnameVerifier.matches("ward.example.org", server.certificate())).isFalse();
        assertThat(StrictHostnameVerifier.matches("broker", server.certificate())).isFalse(); // the CN does not count
        assertThat(StrictHostnameVerifier.matches("127.0.0.2", server.certificate())).isFalse();
        assertThat(StrictHostnameVerifier.matches("localhost", PKI.serverFor("other.example").certificate())).isFalse();
    }

    @Test
    void aPlaintextUrlNeverReachesTheTransport() {
        assertThatThrownBy(() -> UplinkSettings.of(List.of(BrokerEndpoint.parse("tcp://localhost:1883")), "s", "w",
                dir.resolve("ca.pem"))).hasMessageContaining("plaintext");
    }
}
