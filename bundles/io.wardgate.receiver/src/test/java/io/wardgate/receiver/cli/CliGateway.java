package io.wardgate.receiver.cli;

import io.wardgate.seal.envelope.Batch;
import io.wardgate.seal.envelope.ContentAlgorithm;
import io.wardgate.seal.envelope.EnvelopeSealer;
import io.wardgate.seal.envelope.Es256Signer;
import io.wardgate.seal.envelope.Randomness;
import io.wardgate.seal.envelope.SealTags;
import io.wardgate.seal.envelope.TestKeys;
import io.wardgate.seal.identity.Certificates;
import io.wardgate.seal.identity.IdentityStore;
import io.wardgate.seal.identity.TestCa;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * A provisioned gateway (its own key, a certificate from a test CA) and the files the command line needs to
 * open its envelopes: the backend's TEST key as PEM and the CA certificate.
 */
final class CliGateway {
    final String gatewayId;
    final Path backendKey;
    final Path caFile;
    private final IdentityStore identity;
    private final EnvelopeSealer sealer;

    CliGateway(Path directory, String gatewayId) throws Exception {
        this.gatewayId = gatewayId;
        TestCa ca = new TestCa("Hospital Gateway CA");
        identity = IdentityStore.open(directory.resolve("gw"), gatewayId, new SecureRandom(), Clock.systemUTC());
        identity.installTrustAnchors(List.of(ca.certificate()));
        identity.installCertificateChain(List.of(ca.sign(identity.certificateSigningRequest())));
        SecureRandom random = new SecureRandom();
        sealer = new EnvelopeSealer(Randomness.secure(random), Es256Signer.randomized(random));
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(new JcaPKCS8Generator(TestKeys.backend().getPrivate(), null));
        }
        backendKey = Files.writeString(directory.resolve("backend.key"), pem.toString());
        caFile = Files.writeString(directory.resolve("ca.pem"), Certificates.pem(List.of(ca.certificate())));
    }

    /** Seals the batch in its stream ({@link Batch#streamId()}) and writes the envelope to {@code file}. */
    Path seal(Path file, long epoch, long sequence, java.time.Instant sealedAt, Batch batch) throws IOException {
        return Files.write(file, sealer.seal(new SealTags(gatewayId, batch.streamId(), epoch, sequence, sealedAt),
                batch, identity.signingKey(), TestKeys.backendRecipient(), ContentAlgorithm.AES_256_GCM));
    }

    /** The common options: the backend key and the gateway CA. */
    List<String> keys() {
        return List.of("--backend-key", "backend-test=" + backendKey, "--gateway-ca", caFile.toString());
    }
}
