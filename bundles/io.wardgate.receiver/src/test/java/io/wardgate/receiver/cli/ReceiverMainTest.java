package io.wardgate.receiver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.seal.envelope.ContentAlgorithm;
import io.wardgate.seal.envelope.EnvelopeSealer;
import io.wardgate.seal.envelope.Es256Signer;
import io.wardgate.seal.envelope.Randomness;
import io.wardgate.seal.envelope.TestKeys;
import io.wardgate.seal.envelope.TestReadings;
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

class ReceiverMainTest {
    @TempDir
    Path temp;

    @Test
    void openWritesReadingsAndFailsOnATamperedFile() throws Exception {
        TestCa ca = new TestCa("Hospital Gateway CA");
        IdentityStore gateway = IdentityStore.open(temp.resolve("gw"), "wg-cli", new SecureRandom(),
                Clock.systemUTC());
        gateway.installTrustAnchors(List.of(ca.certificate()));
        gateway.installCertificateChain(List.of(ca.sign(gateway.certificateSigningRequest())));
        SecureRandom random = new SecureRandom();
        byte[] envelope = new EnvelopeSealer(Randomness.secure(random), Es256Signer.randomized(random)).seal(
                new io.wardgate.seal.envelope.SealTags("wg-cli", TestReadings.MONITOR.id(), 0, 0, TestReadings.T0),
                TestReadings.batch(TestReadings.everyVitalSign()), gateway.signingKey(), TestKeys.backendRecipient(),
                ContentAlgorithm.AES_256_GCM);
        Path good = Files.write(temp.resolve("good.cose"), envelope);
        envelope[envelope.length / 2] ^= 1;
        Path bad = Files.write(temp.resolve("bad.cose"), envelope);
        Path key = temp.resolve("backend.key");
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(new JcaPKCS8Generator(TestKeys.backend().getPrivate(), null));
        }
        Files.writeString(key, pem.toString());
        Path caFile = Files.writeString(temp.resolve("ca.pem"),
                io.wardgate.seal.identity.Certificates.pem(List.of(ca.certificate())));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ReceiverMain.run(new String[] {"open", "--backend-key", "backend-test=" + key, "--gateway-ca",
            caFile.toString(), "--format", "fhir", bad.toString(), good.toString(), good.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        // A tampered copy arriving after the genuine one would be dropped early as a duplicate; first, it fails.
        assertThat(status).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8).lines())
                // One resource per reading, but the three NIBP parts (1 ms apart in this fixture) are one panel.
                .hasSize(TestReadings.everyVitalSign().size() - 2)
                .allMatch(line -> line.startsWith("{\"resourceType\":\"Observation\""));
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("bad.cose: rejected, DECRYPTION_FAILED")
                .contains("good.cose: rejected, DUPLICATE");

        // With a journal the second run (a restarted receiver) still knows the envelope.
        String[] journaled = {"open", "--backend-key", "backend-test=" + key, "--gateway-ca", caFile.toString(),
            "--dedup-journal", temp.resolve("dedup.journal").toString(), "--out", temp.resolve("out.jsonl").toString(),
            good.toString()};
        assertThat(ReceiverMain.run(journaled, System.out, System.err)).isZero();
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        assertThat(ReceiverMain.run(journaled, System.out, new PrintStream(again, true, StandardCharsets.UTF_8)))
                .isEqualTo(2);
        assertThat(again.toString(StandardCharsets.UTF_8)).contains("good.cose: rejected, DUPLICATE");
    }

    @Test
    void usageErrorsSayWhatIsWrong() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ReceiverMain.run(new String[] {"decrypt"}, System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("open or subscribe");

        ByteArrayOutputStream missing = new ByteArrayOutputStream();
        assertThat(ReceiverMain.run(new String[] {"open", "--backend-key", "k=" + temp.resolve("absent.key"),
            "--gateway-ca", temp.resolve("absent.pem").toString(), "x.cose"}, System.out,
                new PrintStream(missing, true, StandardCharsets.UTF_8))).isEqualTo(1);
        assertThat(missing.toString(StandardCharsets.UTF_8)).contains("configuration error", "absent.key");
    }
}
