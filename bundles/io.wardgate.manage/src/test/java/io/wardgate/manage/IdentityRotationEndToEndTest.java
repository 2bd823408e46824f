package io.wardgate.manage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.manage.client.AdminClient;
import io.wardgate.testkit.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.net.ssl.X509KeyManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificate rotation by IT end to end: identity.csr starts a rotation on the gateway, IT's CA
 * (TestPki) signs the request, identity.install installs the chain; the uplink connects again and
 * presents the new certificate, and the gateway's replies are then signed with the new key.
 */
class IdentityRotationEndToEndTest {
    @TempDir
    static Path dir;
    static TestGateway gateway;
    static AdminClient client;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start(dir, "wg-rotate-0001");
        client = gateway.client();
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        gateway.close();
    }

    @Test
    void aRotationByItEndsWithTheUplinkPresentingTheNewCertificate() throws Exception {
        AdminClient.Reply before = client.send(gateway.gatewayId(), "status", Map.of());
        String oldSerial = before.signer().getSerialNumber().toString(16);
        assertThat(before.payload().get("certificates").toString()).contains("serial=" + oldSerial);
        Instant connectedSince = gateway.uplink().status().since();

        AdminClient.Reply csr = client.send(gateway.gatewayId(), "identity.csr", Map.of());
        assertThat(csr.status()).isEqualTo("ok");
        assertThat(csr.payload().get("csr").toString()).startsWith("-----BEGIN CERTIFICATE REQUEST-----");
        assertThat(gateway.identity().rotationPending()).isTrue();

        List<X509Certificate> issued = gateway.pki().signRequest(csr.payload().get("csr").toString(),
                gateway.gatewayId());
        Path chain = dir.resolve("issued-chain.pem");
        Pem.writeCertificates(chain, issued);
        String newSerial = issued.get(0).getSerialNumber().toString(16);
        AdminClient.Reply installed = client.send(gateway.gatewayId(), "identity.install",
                Map.of("chain", Files.readString(chain)));
        assertThat(installed.status()).isEqualTo("ok");
        assertThat(installed.payload().get("installed").toString()).contains("serial=" + newSerial);
        assertThat(gateway.identity().rotationPending()).isFalse();

        // The uplink drops its connection after the reply and connects again with the new key.
        await().atMost(Duration.ofSeconds(20)).until(() -> gateway.uplink().status().connected()
                && gateway.uplink().status().since().isAfter(connectedSince));
        X509KeyManager tls = gateway.identity().tlsKeyManager();
        assertThat(tls.getCertificateChain(tls.getClientAliases("EC", null)[0])[0].getSerialNumber())
                .isEqualTo(issued.get(0).getSerialNumber());
        // The broker saw the gateway connect again, authenticated by a certificate with its CN.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                gateway.broker().admittedConnections(gateway.gatewayId())).as(gateway.broker().log()).isGreaterThanOrEqualTo(2));

        AdminClient.Reply after = client.send(gateway.gatewayId(), "status", Map.of());
        assertThat(after.signer().getSerialNumber().toString(16)).isEqualTo(newSerial);
        assertThat(after.payload().get("certificates").toString()).contains("serial=" + newSerial)
                .contains("notAfter=" + issued.get(0).getNotAfter().toInstant());
    }

    @Test
    void aChainThatIsNotPemIsAnErrorAndChangesNothing() throws Exception {
        AdminClient.Reply reply = client.send(gateway.gatewayId(), "identity.install", Map.of("chain", "not a chain"));
        assertThat(reply.status()).isEqualTo("error");
        assertThat(reply.payload().get("reason").toString()).contains("no PEM certificate");
    }
}
