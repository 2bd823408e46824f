package io.wardgate.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.Reading;
import io.wardgate.seal.envelope.EnvelopeOpener;
import io.wardgate.seal.envelope.OpenResult;
import io.wardgate.seal.envelope.OpenResult.Reason;
import io.wardgate.seal.envelope.TestKeys;
import io.wardgate.seal.envelope.TestReadings;
import io.wardgate.seal.identity.TestCa;
import java.io.StringWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReceiverTest {
    private static final List<Reading> ONE = List.of(TestReadings.everyVitalSign().get(1));
    @TempDir
    Path temp;
    private TestCa ca;
    private TestGateway gateway;
    private final StringWriter out = new StringWriter();

    @BeforeEach
    void provision() throws Exception {
        ca = new TestCa("Hospital Gateway CA");
        gateway = new TestGateway(temp.resolve("gw"), "wg-ward-7", ca);
    }

    private Receiver receiver(List<X509Certificate> knownGateways) {
        return new Receiver(new EnvelopeOpener(Map.of("backend-test", TestKeys.backend().getPrivate()),
                new CaSignerCheck(List.of(ca.certificate()), knownGateways, List.of())),
                new WindowDeduplicator(256, 1000), List.of(new JsonLinesSink(out)));
    }

    private static Reason reason(OpenResult result) {
        assertThat(result).isInstanceOf(OpenResult.Rejected.class);
        return ((OpenResult.Rejected) result).reason();
    }

    @Test
    void aGatewayCertifiedByTheCaIsAcceptedAndWrittenOut() throws Exception {
        OpenResult result = receiver(List.of()).receive(gateway.topic(), gateway.seal(1, 0, TestReadings.everything()));
        assertThat(result).isInstanceOf(OpenResult.Opened.class);
        assertThat(((OpenResult.Opened) result).signerChain()).hasSize(2);
        assertThat(out.toString().lines()).hasSize(TestReadings.everything().size());
        assertThat(out.toString().lines().findFirst().orElseThrow())
                .contains("\"gateway\":\"wg-ward-7\"", "\"epoch\":1", "\"sequence\":0", "\"loinc\":\"8867-4\"");
        assertThat(out.toString()).contains("\"value\":98.0", "\"value\":36.60", "\"status\":[\"UNAVAILABLE\"]");
    }

    @Test
    void aReplayIsDroppedAsADuplicateAndWrittenOnce() throws Exception {
        Receiver receiver = receiver(List.of());
        byte[] envelope = gateway.seal(1, 0, ONE);
        assertThat(receiver.receive(gateway.topic(), envelope)).isInstanceOf(OpenResult.Opened.class);
        assertThat(reason(receiver.receive(gateway.topic(), envelope))).isEqualTo(Reason.DUPLICATE);
        assertThat(out.toString().lines()).hasSize(1);
        // A second sealing of the same sequence (e.g. a gateway bug or an attacker with the key) is a duplicate too.
        assertThat(reason(receiver.receive(gateway.topic(), gateway.seal(1, 0, ONE)))).isEqualTo(Reason.DUPLICATE);
    }

    @Test
    void reorderedEnvelopesAreEachAcceptedOnce() throws Exception {
        Receiver receiver = receiver(List.of());
        List<byte[]> envelopes = new ArrayList<>();
        for (int sequence = 0; sequence < 20; sequence++) {
            envelopes.add(gateway.seal(2, sequence, ONE));
        }
        List<byte[]> shuffled = new ArrayList<>(envelopes);
        Collections.shuffle(shuffled, new Random(7));
        for (byte[] envelope : shuffled) {
            assertThat(receiver.receive(gateway.topic(), envelope)).isInstanceOf(OpenResult.Opened.class);
        }
        for (byte[] envelope : envelopes) {
            assertThat(reason(receiver.receive(gateway.topic(), envelope))).isEqualTo(Reason.DUPLICATE);
        }
        assertThat(out.toString().lines()).hasSize(20);
    }

    @Test
    void aSignerFromAnotherCaIsUnknown() throws Exception {
        TestGateway rogue = new TestGateway(temp.resolve("rogue"), "wg-ward-7", new TestCa("Rogue CA"));
        OpenResult result = receiver(List.of()).receive(gateway.topic(), rogue.seal(1, 0, ONE));
        assertThat(reason(result)).isEqualTo(Reason.UNKNOWN_SIGNER);
        assertThat(((OpenResult.Rejected) result).detail()).contains("not trusted");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aGatewayCannotSpeakForAnother() throws Exception {
        TestGateway other = new TestGateway(temp.resolve("other"), "wg-ward-8", ca);
        // wg-ward-8's key and certificate, but tags claiming wg-ward-7.
        byte[] envelope = new io.wardgate.seal.envelope.EnvelopeSealer(
                io.wardgate.seal.envelope.Randomness.secure(new java.security.SecureRandom()),
                io.wardgate.seal.envelope.Es256Signer.randomized(new java.security.SecureRandom()))
                .seal(gateway.tags(1, 0), TestReadings.batch(ONE), other.identity.signingKey(),
                        TestKeys.backendRecipient(), io.wardgate.seal.envelope.ContentAlgorithm.AES_256_GCM);
        OpenResult result = receiver(List.of()).receive(gateway.topic(), envelope);
        assertThat(reason(result)).isEqualTo(Reason.UNKNOWN_SIGNER);
        assertThat(((OpenResult.Rejected) result).detail()).contains("wg-ward-8");
    }

    @Test
    void aKidOnlyEnvelopeNeedsTheGatewayCertificateAtTheReceiver() throws Exception {
        TestGateway early = new TestGateway(temp.resolve("early"), "wg-early", ca);
        X509Certificate certificate = early.identity.signingKey().chain().get(0);
        byte[] kidOnly = new io.wardgate.seal.envelope.EnvelopeSealer(
                io.wardgate.seal.envelope.Randomness.secure(new java.security.SecureRandom()),
                io.wardgate.seal.envelope.Es256Signer.randomized(new java.security.SecureRandom()))
                .seal(early.tags(0, 0), TestReadings.batch(ONE), new io.wardgate.seal.envelope.SigningKey(
                        early.identity.signingKey().privateKey(), certificate.getPublicKey(), List.of()),
                        TestKeys.backendRecipient(), io.wardgate.seal.envelope.ContentAlgorithm.CHACHA20_POLY1305);
        assertThat(reason(receiver(List.of()).receive(null, kidOnly))).isEqualTo(Reason.UNKNOWN_SIGNER);
        assertThat(receiver(List.of(certificate)).receive(null, kidOnly)).isInstanceOf(OpenResult.Opened.class);
    }

    @Test
    void envelopesSealedBeforeARotationStayVerifiable() throws Exception {
        byte[] before = gateway.seal(1, 0, ONE);
        gateway.identity.installCertificateChain(List.of(ca.sign(gateway.identity.beginRotation())));
        byte[] after = gateway.seal(1, 1, ONE);
        Receiver receiver = receiver(List.of());
        assertThat(receiver.receive(gateway.topic(), after)).isInstanceOf(OpenResult.Opened.class);
        assertThat(receiver.receive(gateway.topic(), before)).isInstanceOf(OpenResult.Opened.class);
        assertThat(((OpenResult.Opened) receiver(List.of()).receive(null, before)).signerKid())
                .isNotEqualTo(((OpenResult.Opened) receiver(List.of()).receive(null, after)).signerKid());
    }

    @Test
    void aGatewayColdBootedWithoutClockIsStillTrusted() throws Exception {
        // S19: a Pi without RTC seals at "1970" until NTP answers; its certificate is valid now.
        io.wardgate.seal.envelope.SealTags at1970 = new io.wardgate.seal.envelope.SealTags("wg-ward-7",
                TestReadings.MONITOR.id(), 0, 0, java.time.Instant.EPOCH.plusSeconds(42));
        byte[] envelope = new io.wardgate.seal.envelope.EnvelopeSealer(
                io.wardgate.seal.envelope.Randomness.secure(new java.security.SecureRandom()),
                io.wardgate.seal.envelope.Es256Signer.randomized(new java.security.SecureRandom()))
                .seal(at1970, TestReadings.batch(ONE), gateway.identity.signingKey(), TestKeys.backendRecipient(),
                        io.wardgate.seal.envelope.ContentAlgorithm.CHACHA20_POLY1305);
        assertThat(receiver(List.of()).receive(gateway.topic(), envelope)).isInstanceOf(OpenResult.Opened.class);
    }

    @Test
    void aTopicThatDisagreesWithTheSignedTagsIsRejected() throws Exception {
        byte[] envelope = gateway.seal(1, 0, ONE);
        Receiver receiver = receiver(List.of());
        assertThat(reason(receiver.receive("wardgate/st-marys/icu-2/wg-ward-9/vitals/x", envelope)))
                .isEqualTo(Reason.TAGS_MISMATCH);
        assertThat(receiver.receive(gateway.topic(), envelope)).isInstanceOf(OpenResult.Opened.class);
    }

    @Test
    void aTamperedCopyDoesNotBlockTheGenuineEnvelope() throws Exception {
        Receiver receiver = receiver(List.of());
        byte[] envelope = gateway.seal(1, 0, ONE);
        byte[] tampered = envelope.clone();
        tampered[tampered.length / 2] ^= 0x40; // inside the ciphertext
        assertThat(reason(receiver.receive(gateway.topic(), tampered))).isEqualTo(Reason.DECRYPTION_FAILED);
        assertThat(receiver.receive(gateway.topic(), envelope)).isInstanceOf(OpenResult.Opened.class);
    }
}
