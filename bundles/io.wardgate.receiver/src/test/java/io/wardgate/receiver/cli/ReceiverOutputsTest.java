package io.wardgate.receiver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.receiver.FhirTestServer;
import io.wardgate.receiver.pcd01.TestEngine;
import io.wardgate.seal.envelope.Batch;
import io.wardgate.seal.envelope.ContentAlgorithm;
import io.wardgate.seal.envelope.EnvelopeSealer;
import io.wardgate.seal.envelope.Es256Signer;
import io.wardgate.seal.envelope.Randomness;
import io.wardgate.seal.envelope.SealTags;
import io.wardgate.seal.envelope.TestKeys;
import io.wardgate.seal.envelope.TestReadings;
import io.wardgate.seal.identity.Certificates;
import io.wardgate.seal.identity.IdentityStore;
import io.wardgate.seal.identity.TestCa;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's outputs to an integration engine (PCD-01 over MLLP) and a FHIR server at once. */
class ReceiverOutputsTest {
    @TempDir
    Path temp;

    @Test
    void openFeedsTheEngineAndTheFhirServer() throws Exception {
        TestCa ca = new TestCa("Hospital Gateway CA");
        IdentityStore gateway = IdentityStore.open(temp.resolve("gw"), "wg-cli", new SecureRandom(), Clock.systemUTC());
        gateway.installTrustAnchors(List.of(ca.certificate()));
        gateway.installCertificateChain(List.of(ca.sign(gateway.certificateSigningRequest())));
        SecureRandom random = new SecureRandom();
        EnvelopeSealer sealer = new EnvelopeSealer(Randomness.secure(random), Es256Signer.randomized(random));
        Path[] files = new Path[2];
        for (int sequence = 0; sequence < 2; sequence++) {
            byte[] envelope = sealer.seal(new SealTags("wg-cli", TestReadings.MONITOR.id(), 0, sequence, TestReadings.T0),
                    new Batch(TestReadings.MONITOR, TestReadings.BED_12, "icu", TestReadings.everyVitalSign()),
                    gateway.signingKey(), TestKeys.backendRecipient(), ContentAlgorithm.AES_256_GCM);
            files[sequence] = Files.write(temp.resolve(sequence + ".cose"), envelope);
        }
        Path key = temp.resolve("backend.key");
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(new JcaPKCS8Generator(TestKeys.backend().getPrivate(), null));
        }
        Files.writeString(key, pem.toString());
        Path caFile = Files.writeString(temp.resolve("ca.pem"), Certificates.pem(List.of(ca.certificate())));

        try (TestEngine engine = new TestEngine(); FhirTestServer fhir = new FhirTestServer()) {
            fhir.warmUp();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = ReceiverMain.run(new String[] {"open", "--backend-key", "backend-test=" + key,
                "--gateway-ca", caFile.toString(), "--out", temp.resolve("readings.jsonl").toString(),
                "--pcd01-engine", "127.0.0.1:" + engine.port(), "--pcd01-spool", temp.resolve("pcd01").toString(),
                "--pcd01-receiving-application", "ENGINE", "--fhir-server", fhir.base().toString(), "--fhir-spool",
                temp.resolve("fhir").toString(), "--fhir-timeout-ms", "120000", files[0].toString(), files[1].toString()},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(engine.received()).hasSize(2);
            // Ten readings, the three NIBP parts 1 ms apart as one panel: eight Observations per envelope.
            assertThat(fhir.observations()).hasSize(16);
            assertThat(Files.readAllLines(temp.resolve("readings.jsonl"))).hasSize(20);
        }

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(ReceiverMain.run(new String[] {"open", "--backend-key", "backend-test=" + key, "--gateway-ca",
            caFile.toString(), "--pcd01-engine", "nowhere", "--pcd01-spool", temp.resolve("x").toString(),
            files[0].toString()}, System.out, new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--pcd01-engine wants HOST:PORT");
    }
}
