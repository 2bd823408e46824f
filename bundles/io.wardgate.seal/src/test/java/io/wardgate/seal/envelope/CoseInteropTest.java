package io.wardgate.seal.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import COSE.EncryptMessage;
import COSE.Message;
import COSE.MessageTag;
import COSE.OneKey;
import COSE.Recipient;
import COSE.Sign1Message;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;

/**
 * Our envelope opened by an independent COSE implementation (COSE-JAVA 1.1.0, by the author of
 * RFC 9052): its ECDH-ES + HKDF-256 recipient processing, KDF context and AES-256-GCM decrypt our
 * ciphertext, and its ES256 validation accepts our signature with the outer protected header as
 * external AAD. (That library has no ChaCha20/Poly1305; the key derivation and structures checked
 * here are the same for both content algorithms.)
 */
class CoseInteropTest {

    @Test
    void anIndependentCoseLibraryOpensAndVerifiesOurEnvelope() throws Exception {
        KeyPair gateway = TestKeys.gateway();
        KeyPair backend = TestKeys.backend();
        SealTags tags = WorkedExampleTest.TAGS;
        byte[] envelope = new EnvelopeSealer(TestKeys.fixedRandomness(), TestKeys.deterministicSigner()).seal(tags,
                WorkedExampleTest.BATCH, TestKeys.gatewaySigningKey(), TestKeys.backendRecipient(),
                ContentAlgorithm.AES_256_GCM);

        EncryptMessage encrypt = (EncryptMessage) Message.DecodeFromBytes(envelope, MessageTag.Encrypt);
        Recipient recipient = encrypt.getRecipient(0);
        recipient.SetKey(new OneKey(backend.getPublic(), backend.getPrivate()));
        byte[] plaintext = encrypt.decrypt(recipient);

        Sign1Message sign1 = (Sign1Message) Message.DecodeFromBytes(plaintext, MessageTag.Sign1);
        sign1.setExternal(Cbor.encode(EnvelopeSealer.outerProtected(tags, ContentAlgorithm.AES_256_GCM)));
        assertThat(sign1.validate(new OneKey(gateway.getPublic(), null))).isTrue();
        assertThat(PayloadCodec.decode(sign1.GetContent())).isEqualTo(WorkedExampleTest.BATCH);

        sign1.setExternal(new byte[0]);
        assertThat(sign1.validate(new OneKey(gateway.getPublic(), null))).isFalse();
    }
}
