package io.wardgate.seal.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.seal.envelope.OpenResult.Opened;
import io.wardgate.seal.envelope.OpenResult.Rejected;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** S11: one changed byte anywhere in an envelope, and the receiver rejects it. */
class TamperTest {
    private final SecureRandom random = new SecureRandom();
    private final EnvelopeSealer sealer = new EnvelopeSealer(Randomness.secure(random),
            Es256Signer.randomized(random));
    private final EnvelopeOpener opener = new EnvelopeOpener(Map.of("backend-test", TestKeys.backend().getPrivate()),
            TestKeys.trusting(TestKeys.gateway().getPublic()));

    /** ChaCha20/Poly1305 with one bit flipped per byte, AES-256-GCM with every bit of the byte flipped. */
    @ParameterizedTest
    @EnumSource(ContentAlgorithm.class)
    void everySingleByteChangeIsRejected(ContentAlgorithm algorithm) {
        int mask = algorithm == ContentAlgorithm.CHACHA20_POLY1305 ? 0x01 : 0xFF;
        byte[] envelope = sealer.seal(TestReadings.tags(3, 9),
                TestReadings.batch(List.of(TestReadings.everyVitalSign().get(1), TestReadings.ecg(4))),
                TestKeys.gatewaySigningKey(), TestKeys.backendRecipient(), algorithm);
        assertThat(opener.open(envelope)).isInstanceOf(Opened.class);

        Set<OpenResult.Reason> reasons = EnumSet.noneOf(OpenResult.Reason.class);
        for (int i = 0; i < envelope.length; i++) {
            byte[] tampered = envelope.clone();
            tampered[i] ^= (byte) mask;
            OpenResult result = opener.open(tampered);
            assertThat(result).as("byte %d xor %02x", i, mask).isInstanceOf(Rejected.class);
            reasons.add(((Rejected) result).reason());
        }
        // The change is caught by the layer it hits: structure, algorithm choice, key id, AEAD tag.
        assertThat(reasons).contains(OpenResult.Reason.MALFORMED, OpenResult.Reason.DECRYPTION_FAILED,
                OpenResult.Reason.UNKNOWN_RECIPIENT);
    }

    @ParameterizedTest
    @EnumSource(ContentAlgorithm.class)
    void truncatedOrExtendedEnvelopesAreRejected(ContentAlgorithm algorithm) {
        byte[] envelope = sealer.seal(TestReadings.tags(3, 9), TestReadings.batch(TestReadings.everyVitalSign()),
                TestKeys.gatewaySigningKey(), TestKeys.backendRecipient(), algorithm);
        for (int length = 0; length < envelope.length; length += 7) {
            assertThat(opener.open(Arrays.copyOf(envelope, length))).isInstanceOf(Rejected.class);
        }
        assertThat(opener.open(Arrays.copyOf(envelope, envelope.length + 1))).isInstanceOf(Rejected.class);
    }
}
