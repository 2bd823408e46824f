package io.wardgate.manage;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.seal.envelope.Es256Signer;
import io.wardgate.seal.envelope.SignedMessage;
import io.wardgate.testkit.Issued;
import io.wardgate.testkit.TestPki;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What IT's client relies on: a gateway reply carries the signer's certificate; a request carries none. */
class SignedReplyCertificateTest {
    static final TestPki PKI = TestPki.create("WardGate test hospital CA");
    static final Es256Signer SIGNER = Es256Signer.randomized(new SecureRandom());

    @Test
    void theLeafOfTheChainTravelsInTheProtectedHeader() throws Exception {
        Issued gateway = PKI.client("wg-cert-0001");
        byte[] reply = SignedMessage.sign(Map.of("status", "ok"), gateway.key(), gateway.certificate().getPublicKey(),
                gateway.chain(), SIGNER);
        SignedMessage.Parsed parsed = SignedMessage.parse(reply, 1 << 16);
        assertThat(parsed.certificate()).contains(gateway.certificate());
        assertThat(parsed.verifiedBy(parsed.certificate().orElseThrow().getPublicKey())).isTrue();
    }

    @Test
    void aMessageSignedWithoutAChainHasNoCertificateAndAFlippedByteFailsVerification() throws Exception {
        Issued key = PKI.client("it-fleet-key");
        byte[] request = SignedMessage.sign(Map.of("op", "status"), key.key(), key.certificate().getPublicKey(),
                List.of(), SIGNER);
        assertThat(SignedMessage.parse(request, 1 << 16).certificate()).isEmpty();
        request[request.length - 70] ^= 1; // inside the payload
        SignedMessage.Parsed tampered = SignedMessage.parse(request, 1 << 16);
        assertThat(tampered.verifiedBy(key.certificate().getPublicKey())).isFalse();
    }
}
