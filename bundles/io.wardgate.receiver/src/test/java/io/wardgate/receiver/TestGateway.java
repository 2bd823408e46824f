package io.wardgate.receiver;

import io.wardgate.api.Reading;
import io.wardgate.seal.envelope.Batch;
import io.wardgate.seal.envelope.ContentAlgorithm;
import io.wardgate.seal.envelope.EnvelopeSealer;
import io.wardgate.seal.envelope.Es256Signer;
import io.wardgate.seal.envelope.Randomness;
import io.wardgate.seal.envelope.SealTags;
import io.wardgate.seal.envelope.TestKeys;
import io.wardgate.seal.envelope.TestReadings;
import io.wardgate.seal.envelope.Topics;
import io.wardgate.seal.identity.IdentityStore;
import io.wardgate.seal.identity.TestCa;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

/** A provisioned gateway for receiver tests: its own key, a certificate from the given CA. */
final class TestGateway {
    final IdentityStore identity;
    private final EnvelopeSealer sealer;

    TestGateway(Path directory, String gatewayId, TestCa ca) throws IOException {
        identity = IdentityStore.open(directory, gatewayId, new SecureRandom(), Clock.systemUTC());
        identity.installTrustAnchors(List.of(ca.certificate()));
        identity.installCertificateChain(List.of(ca.sign(identity.certificateSigningRequest()), ca.certificate()));
        SecureRandom random = new SecureRandom();
        sealer = new EnvelopeSealer(Randomness.secure(random), Es256Signer.randomized(random));
    }

    SealTags tags(long epoch, long sequence) {
        return new SealTags(identity.gatewayId(), TestReadings.MONITOR.id(), epoch, sequence,
                TestReadings.T0.plusSeconds(sequence));
    }

    byte[] seal(long epoch, long sequence, List<Reading> readings) {
        return sealer.seal(tags(epoch, sequence), new Batch(TestReadings.MONITOR, TestReadings.BED_12, "icu", readings),
                identity.signingKey(), TestKeys.backendRecipient(), ContentAlgorithm.CHACHA20_POLY1305);
    }

    /** Alarms, in the device's alarm stream (Batch.streamId), to be published on {@link #alarmTopic()}. */
    byte[] sealAlarms(long epoch, long sequence, List<io.wardgate.api.Alarm> alarms) {
        Batch batch = Batch.ofAlarms(TestReadings.MONITOR, TestReadings.BED_12, "icu", alarms);
        return sealer.seal(new SealTags(identity.gatewayId(), batch.streamId(), epoch, sequence,
                TestReadings.T0.plusSeconds(sequence)), batch, identity.signingKey(), TestKeys.backendRecipient(),
                ContentAlgorithm.CHACHA20_POLY1305);
    }

    /** Any batch under the given stream id and sealing time (clock notes, readings stamped on a wrong clock). */
    byte[] seal(String streamId, long epoch, long sequence, java.time.Instant sealedAt, Batch batch) {
        return sealer.seal(new SealTags(identity.gatewayId(), streamId, epoch, sequence, sealedAt), batch,
                identity.signingKey(), TestKeys.backendRecipient(), ContentAlgorithm.CHACHA20_POLY1305);
    }

    String alarmTopic() {
        return "wardgate/st-marys/icu-2/" + identity.gatewayId() + "/vitals/"
                + Topics.escape(TestReadings.MONITOR.id() + Batch.ALARM_STREAM_SUFFIX);
    }

    String topic() {
        return "wardgate/st-marys/icu-2/" + identity.gatewayId() + "/vitals/" + Topics.escape(TestReadings.MONITOR.id());
    }
}
