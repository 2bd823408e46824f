package io.wardgate.manage.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wardgate.testkit.Issued;
import io.wardgate.testkit.TestPki;
import io.wardgate.testkit.TestTls;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/**
 * #20 finding 11, second half: IT's client sets WardGate's protocols and suites on its broker connection
 * rather than JSSE's defaults. A real TLS server that speaks only TLS 1.2 (with a suite JSSE's default
 * client would accept) is refused, and what the client offered is seen by the server.
 */
class AdminClientTlsTest {

    @Test
    void aBrokerSpeakingOnlyTls12IsRefusedBecauseTheClientOffersOnlyTheTls13Policy() throws Exception {
        TestPki pki = TestPki.create("WardGate test hospital CA");
        Issued broker = pki.server("broker");
        Issued admin = pki.client("wardgate-admin");
        Issued managementKey = pki.client("it-fleet-key");
        SSLContext serverContext = TestTls.context(broker, pki.caCertificate());
        try (SSLServerSocket server = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setEnabledProtocols(new String[] {"TLSv1.2"});
            server.setEnabledCipherSuites(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"});
            CompletableFuture<String> seenByServer = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket socket = (SSLSocket) server.accept()) {
                    socket.startHandshake();
                    return "handshake completed with " + socket.getSession().getProtocol();
                } catch (IOException e) {
                    return "refused: " + e.getMessage();
                }
            });
            AdminClient.Settings settings = new AdminClient.Settings("ssl://localhost:" + server.getLocalPort(),
                    "site-a", "ward-3", TestTls.context(admin, pki.caCertificate()), managementKey.key(),
                    managementKey.certificate().getPublicKey(), List.of(pki.caCertificate()), "alice@hospital",
                    Duration.ofSeconds(5), Duration.ofSeconds(60));
            assertThatThrownBy(() -> AdminClient.connect(settings, line -> { })).isInstanceOf(IOException.class);
            assertThat(seenByServer.get(10, TimeUnit.SECONDS)).startsWith("refused")
                    .containsIgnoringCase("protocol");
        }
    }
}
