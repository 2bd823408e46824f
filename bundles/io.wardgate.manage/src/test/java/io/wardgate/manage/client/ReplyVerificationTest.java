package io.wardgate.manage.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wardgate.seal.envelope.EncryptedMessage;
import io.wardgate.seal.envelope.Es256Signer;
import io.wardgate.seal.envelope.Randomness;
import io.wardgate.seal.envelope.SignedMessage;
import io.wardgate.testkit.Issued;
import io.wardgate.testkit.TestPki;
import io.wardgate.testkit.TestTls;
import java.security.SecureRandom;
import java.security.cert.CertificateExpiredException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * M14: IT's client believes a reply only when a certificate of the hospital CA with CN = the addressed
 * gateway signed it, for the client's own request id, and (unless it is a refusal) encrypted to the
 * management key. Each way a broker or another gateway could pass off a reply is refused.
 */
class ReplyVerificationTest {
    private static final String GATEWAY = "wg-ward3-0001";
    private static final String ID = "0123456789abcdef01234567";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final TestPki hospital = TestPki.create("WardGate test hospital CA");
    private final Issued gateway = hospital.client(GATEWAY);
    private final Issued managementKey = hospital.client("it-fleet-key");
    private final AdminClient.Settings settings = new AdminClient.Settings("ssl://localhost:8883", "site-a", "ward-3",
            TestTls.context(hospital.client("wardgate-admin"), hospital.caCertificate()), managementKey.key(),
            managementKey.certificate().getPublicKey(), List.of(hospital.caCertificate()), "alice@hospital",
            Duration.ofSeconds(5), Duration.ofSeconds(60));

    @Test
    void theAddressedGatewaysEncryptedReplyToThisRequestIsBelieved() throws Exception {
        AdminClient.Reply reply = AdminClient.verified(reply(gateway, ID, GATEWAY, "ok", true), GATEWAY, ID, settings);
        assertThat(reply.status()).isEqualTo("ok");
        assertThat(reply.signer()).isEqualTo(gateway.certificate());
    }

    @Test
    void aReplySignedByAnotherCaAnotherGatewayOrForAnotherRequestIsRefused() {
        Issued foreign = TestPki.create("Somebody else's CA").client(GATEWAY);
        assertThatThrownBy(() -> AdminClient.verified(reply(foreign, ID, GATEWAY, "ok", true), GATEWAY, ID, settings))
                .hasMessageContaining("not issued by a trusted CA");
        Issued neighbour = hospital.client("wg-ward3-0002");
        assertThatThrownBy(() -> AdminClient.verified(reply(neighbour, ID, GATEWAY, "ok", true), GATEWAY, ID, settings))
                .hasMessageContaining("not the gateway's");
        assertThatThrownBy(() -> AdminClient.verified(reply(gateway, "another-request-id", GATEWAY, "ok", true),
                GATEWAY, ID, settings)).hasMessageContaining("another request");
        Issued expired = hospital.expired(TestPki.Profile.client(GATEWAY));
        assertThatThrownBy(() -> AdminClient.verified(reply(expired, ID, GATEWAY, "ok", true), GATEWAY, ID, settings))
                .isInstanceOf(CertificateExpiredException.class);
    }

    @Test
    void onlyARefusalMayArriveUnencrypted() throws Exception {
        assertThatThrownBy(() -> AdminClient.verified(reply(gateway, ID, GATEWAY, "ok", false), GATEWAY, ID, settings))
                .hasMessageContaining("unencrypted ok");
        assertThat(AdminClient.verified(reply(gateway, ID, GATEWAY, "refused", false), GATEWAY, ID, settings).status())
                .isEqualTo("refused");
    }

    private byte[] reply(Issued signer, String id, String gw, String status, boolean encrypted) {
        byte[] signed = SignedMessage.sign(Map.of("id", id, "gw", gw, "status", status, "at", 1L), signer.key(),
                signer.certificate().getPublicKey(), signer.chain(), Es256Signer.randomized(RANDOM));
        return encrypted ? EncryptedMessage.encrypt(signed, managementKey.certificate().getPublicKey(),
                Randomness.secure(RANDOM)) : signed;
    }
}
