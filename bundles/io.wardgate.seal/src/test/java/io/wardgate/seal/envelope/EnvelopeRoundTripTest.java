package io.wardgate.seal.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.Reading;
import io.wardgate.seal.envelope.OpenResult.Opened;
import io.wardgate.seal.envelope.OpenResult.Reason;
import io.wardgate.seal.envelope.OpenResult.Rejected;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EnvelopeRoundTripTest {
    private final SecureRandom random = new SecureRandom();
    private final EnvelopeSealer sealer = new EnvelopeSealer(Randomness.secure(random),
            Es256Signer.randomized(random));
    private final EnvelopeOpener opener = new EnvelopeOpener(Map.of("backend-test", TestKeys.backend().getPrivate()),
            TestKeys.trusting(TestKeys.gateway().getPublic()));

    @ParameterizedTest
    @EnumSource(ContentAlgorithm.class)
    void everyMetricStatusAndWaveformSurvivesARoundTrip(ContentAlgorithm algorithm) {
        List<Reading> readings = TestReadings.everything();
        SealTags tags = TestReadings.tags(7, 42);
        byte[] envelope = sealer.seal(tags, TestReadings.batch(readings), TestKeys.gatewaySigningKey(),
                TestKeys.backendRecipient(), algorithm);

        OpenResult result = opener.open(envelope);

        assertThat(result).isInstanceOf(Opened.class);
        Opened opened = (Opened) result;
        assertThat(opened.tags()).isEqualTo(tags);
        assertThat(opened.batch()).isEqualTo(TestReadings.batch(readings));
        assertThat(opened.batch().readings()).containsExactlyElementsOf(readings);
        assertThat(opened.signerKid()).isEqualTo(KeyIds.kid(TestKeys.gateway().getPublic()));
        assertThat(EnvelopeOpener.readTags(envelope)).contains(tags);
    }

    @Test
    void precisionIsKept() {
        byte[] envelope = sealer.seal(TestReadings.tags(1, 0), TestReadings.batch(TestReadings.everyVitalSign()),
                TestKeys.gatewaySigningKey(), TestKeys.backendRecipient(), ContentAlgorithm.CHACHA20_POLY1305);
        Opened opened = (Opened) opener.open(envelope);
        assertThat(opened.batch().readings()).extracting(r -> ((io.wardgate.api.Observation) r).value().toString())
                .contains("98.0", "36.60", "-0.5");
    }

    @Test
    void twoSealsOfTheSameBatchDifferEntirely() {
        byte[] a = sealer.seal(TestReadings.tags(1, 0), TestReadings.batch(TestReadings.everyVitalSign()),
                TestKeys.gatewaySigningKey(), TestKeys.backendRecipient(), ContentAlgorithm.CHACHA20_POLY1305);
        byte[] b = sealer.seal(TestReadings.tags(1, 0), TestReadings.batch(TestReadings.everyVitalSign()),
                TestKeys.gatewaySigningKey(), TestKeys.backendRecipient(), ContentAlgorithm.CHACHA20_POLY1305);
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void aKeyOfTheRightIdButWrongValueCannotDecrypt() {
        byte[] envelope = seal();
        KeyPair other = TestKeys.keyPair("some other backend key");
        EnvelopeOpener wrong = new EnvelopeOpener(Map.of("backend-test", other.getPrivate()),
                TestKeys.trusting(TestKeys.gateway().getPublic()));
        assertThat(wrong.open(envelope)).isEqualTo(new Rejected(Reason.DECRYPTION_FAILED,
                "authentication tag mismatch: tampered, or another key"));
    }

    @Test
    void anEnvelopeForAnotherBackendKeyIsNamedAsSuch() {
        EnvelopeOpener wrong = new EnvelopeOpener(Map.of("backend-2027", TestKeys.backend().getPrivate()),
                TestKeys.trusting(TestKeys.gateway().getPublic()));
        OpenResult result = wrong.open(seal());
        assertThat(result).isInstanceOf(Rejected.class);
        assertThat(((Rejected) result).reason()).isEqualTo(Reason.UNKNOWN_RECIPIENT);
        assertThat(((Rejected) result).detail()).contains("backend-test");
    }

    @Test
    void anUnknownSignerIsRejected() {
        EnvelopeOpener strict = new EnvelopeOpener(Map.of("backend-test", TestKeys.backend().getPrivate()),
                TestKeys.trusting(TestKeys.keyPair("another gateway").getPublic()));
        OpenResult result = strict.open(seal());
        assertThat(result).isInstanceOf(Rejected.class);
        assertThat(((Rejected) result).reason()).isEqualTo(Reason.UNKNOWN_SIGNER);
    }

    @Test
    void aSignatureByAnotherKeyUnderTheTrustedKidFails() {
        KeyPair impostor = TestKeys.keyPair("impostor");
        // The impostor claims the real gateway's kid but signs with its own key.
        SigningKey forged = new SigningKey(impostor.getPrivate(), TestKeys.gateway().getPublic(), List.of());
        byte[] envelope = sealer.seal(TestReadings.tags(1, 0), TestReadings.batch(TestReadings.everyVitalSign()),
                forged, TestKeys.backendRecipient(), ContentAlgorithm.CHACHA20_POLY1305);
        OpenResult result = opener.open(envelope);
        assertThat(result).isInstanceOf(Rejected.class);
        assertThat(((Rejected) result).reason()).isEqualTo(Reason.BAD_SIGNATURE);
    }

    private byte[] seal() {
        return sealer.seal(TestReadings.tags(1, 0), TestReadings.batch(TestReadings.everyVitalSign()),
                TestKeys.gatewaySigningKey(), TestKeys.backendRecipient(), ContentAlgorithm.CHACHA20_POLY1305);
    }
}
