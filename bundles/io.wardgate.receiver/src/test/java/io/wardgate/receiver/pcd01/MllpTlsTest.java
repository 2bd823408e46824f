package io.wardgate.receiver.pcd01;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.receiver.spool.Spool;
import io.wardgate.receiver.spool.SpoolSender;
import io.wardgate.seal.envelope.OpenResult;
import io.wardgate.seal.envelope.TestReadings;
import io.wardgate.seal.identity.Certificates;
import io.wardgate.seal.identity.TestCa;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PCD-01 over MLLP with TLS: the engine's certificate must chain to the configured CA and name the host. */
class MllpTlsTest {
    private static final SpoolSender.Settings RETRY = new SpoolSender.Settings(Duration.ofMillis(50),
            Duration.ofMillis(400), 3);
    @TempDir
    Path temp;

    private static SSLContext server(TestCa ca) throws Exception {
        KeyPair key = Certificates.newKeyPair(new SecureRandom());
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("engine", key.getPrivate(), new char[0],
                new java.security.cert.Certificate[] {ca.issueServer(key.getPublic()), ca.certificate()});
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, new SecureRandom());
        return context;
    }

    private static SSLContext trusting(TestCa ca) throws Exception {
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("ca", ca.certificate());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(anchors);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), new SecureRandom());
        return context;
    }

    private static void send(SpoolSender sender) throws Exception {
        new Pcd01Sink(new Pcd01Messages(Pcd01MessagesTest.ADDRESSING), sender).write(new OpenResult.Opened(
                TestReadings.tags(3, 1), TestReadings.batch(TestReadings.everyVitalSign()), new byte[1], List.of()));
    }

    @Test
    void overTlsTheMessageArrivesAndAnUntrustedEngineGetsNothing() throws Exception {
        TestCa hospital = new TestCa("Hospital Integration CA");
        try (TestEngine engine = new TestEngine(server(hospital))) {
            try (MllpDelivery delivery = new MllpDelivery(new MllpDelivery.Settings("localhost", engine.port(),
                    Duration.ofSeconds(5), Optional.of(trusting(hospital))));
                    SpoolSender sender = new SpoolSender("pcd01", Spool.open(temp.resolve("ok"),
                            new Spool.Limits(10, 1 << 20)), delivery, RETRY)) {
                send(sender);
                await().atMost(Duration.ofSeconds(30)).until(() -> sender.spool().size() == 0);
                assertThat(engine.received()).hasSize(1);
            }
            // A receiver that trusts another CA does not talk to this engine: the message stays queued.
            TestCa other = new TestCa("Some Other CA");
            try (MllpDelivery delivery = new MllpDelivery(new MllpDelivery.Settings("localhost", engine.port(),
                    Duration.ofSeconds(5), Optional.of(trusting(other))));
                    SpoolSender sender = new SpoolSender("pcd01", Spool.open(temp.resolve("untrusted"),
                            new Spool.Limits(10, 1 << 20)), delivery, RETRY)) {
                send(sender);
                await().atMost(Duration.ofSeconds(30)).until(() -> sender.attempts() >= 3);
                assertThat(sender.spool().size()).isEqualTo(1);
                assertThat(sender.spool().rejectedCount()).isZero();
                assertThat(engine.received()).hasSize(1);
            }
        }
    }
}
