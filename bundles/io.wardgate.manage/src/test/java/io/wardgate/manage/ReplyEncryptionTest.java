package io.wardgate.manage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.wardgate.manage.client.AdminClient;
import io.wardgate.manage.client.AdminKeys;
import io.wardgate.seal.envelope.EncryptedMessage;
import io.wardgate.seal.envelope.SignedMessage;
import io.wardgate.testkit.Issued;
import io.wardgate.testkit.TestSubscriber;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding 10 of the security review: management replies (status, audit.fetch) travel through the
 * broker, which the threat model does not trust with plaintext. A reply to a signed request is
 * gateway-signed and then encrypted to the management key that signed the request; IT's client
 * decrypts it, and what the broker carries reveals nothing of the status.
 */
class ReplyEncryptionTest {

    @TempDir
    Path dir;

    @Test
    void whatTheBrokerCarriesIsCiphertextThatOnlyTheManagementKeyOpens() throws Exception {
        try (TestGateway gateway = TestGateway.start(dir, "wg-crypt-01")) {
            // An eavesdropper with the broker's view of the reply topics.
            TestSubscriber broker = gateway.replies("wardgate-admin-eavesdrop");
            try (AdminClient admin = gateway.client()) {
                AdminClient.Reply status = admin.send(gateway.gatewayId(), "status", Map.of());
                assertThat(status.ok()).as(status.toString()).isTrue();
                assertThat(status.payload().get("bundles").toString()).contains("io.wardgate.manage");
                AdminClient.Reply audit = admin.send(gateway.gatewayId(), "audit.fetch", Map.of());
                assertThat(audit.status()).as(audit.toString()).isNotEqualTo("refused");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> broker.received().size() >= 2);
            PrivateKey managementKey = AdminKeys.privateKey(gateway.dir().resolve("mgmt-key.pem"));
            PublicKey managementPublic = AdminKeys.publicKey(gateway.dir().resolve("mgmt-cert.pem"));
            Issued stranger = gateway.pki().client("someone-else");
            for (TestSubscriber.Received reply : broker.received()) {
                byte[] raw = reply.payload();
                String asText = new String(raw, StandardCharsets.ISO_8859_1);
                assertThat(asText).as("plaintext on the broker").doesNotContain("io.wardgate.manage")
                        .doesNotContain("status").doesNotContain(gateway.gatewayId());
                assertThat(EncryptedMessage.isEncrypted(raw)).isTrue();
                assertThatThrownBy(() -> SignedMessage.parse(raw, 1 << 20))
                        .isInstanceOf(SignedMessage.MalformedMessageException.class);
                assertThatThrownBy(() -> EncryptedMessage.decrypt(raw, stranger.key(),
                        stranger.certificate().getPublicKey(), 1 << 20))
                        .isInstanceOf(SignedMessage.MalformedMessageException.class);
                byte[] opened = EncryptedMessage.decrypt(raw, managementKey, managementPublic, 1 << 20);
                SignedMessage.Parsed parsed = SignedMessage.parse(opened, 1 << 20);
                assertThat(parsed.payload().get("gw")).isEqualTo(gateway.gatewayId());
                assertThat(parsed.verifiedBy(parsed.certificate().orElseThrow().getPublicKey())).isTrue();
            }
            broker.close();
        }
    }

    @Test
    void aFlippedByteInAnEncryptedReplyIsRefused() throws Exception {
        Issued management = io.wardgate.testkit.TestPki.create("WardGate test hospital CA").client("it-fleet-key");
        {
            PublicKey key = management.certificate().getPublicKey();
            byte[] message = EncryptedMessage.encrypt("a signed reply".getBytes(StandardCharsets.UTF_8), key,
                    io.wardgate.seal.envelope.Randomness.secure(new java.security.SecureRandom()));
            PrivateKey privateKey = management.key();
            assertThat(EncryptedMessage.decrypt(message, privateKey, key, 4096)).asString().isEqualTo("a signed reply");
            for (int at : List.of(message.length - 1, message.length / 2)) {
                byte[] flipped = message.clone();
                flipped[at] ^= 0x01;
                assertThatThrownBy(() -> EncryptedMessage.decrypt(flipped, privateKey, key, 4096))
                        .isInstanceOf(SignedMessage.MalformedMessageException.class);
            }
        }
    }
}
