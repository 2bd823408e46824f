package io.wardgate.receiver.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.receiver.CaSignerCheck;
import io.wardgate.receiver.Receiver;
import io.wardgate.receiver.WindowDeduplicator;
import io.wardgate.seal.envelope.Batch;
import io.wardgate.seal.envelope.ContentAlgorithm;
import io.wardgate.seal.envelope.EnvelopeOpener;
import io.wardgate.seal.envelope.EnvelopeSealer;
import io.wardgate.seal.envelope.Es256Signer;
import io.wardgate.seal.envelope.OpenResult;
import io.wardgate.seal.envelope.Randomness;
import io.wardgate.seal.envelope.SealTags;
import io.wardgate.seal.envelope.TestKeys;
import io.wardgate.seal.envelope.TestReadings;
import io.wardgate.seal.envelope.Topics;
import io.wardgate.seal.identity.Certificates;
import io.wardgate.seal.identity.IdentityStore;
import io.wardgate.seal.identity.TestCa;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocketFactory;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real broker (Mosquitto, TLS 1.3, client certificates required): two receivers share
 * the load through an MQTT 5 shared subscription ($share/backend/wardgate/#) and one shared
 * de-duplicator. Ten envelopes and replays of three arrive; each envelope is written exactly once.
 */
class SharedSubscriptionLiveTest {
    @TempDir
    Path temp;

    @Test
    void twoReceiversBehindASharedSubscriptionWriteEachEnvelopeOnce() throws Exception {
        Mosquitto.binary();
        TestCa ca = new TestCa("Hospital MQTT and Gateway CA");
        Path dir = Files.createDirectories(temp.resolve("broker"));
        Files.writeString(dir.resolve("ca.pem"), Certificates.pem(List.of(ca.certificate())));
        KeyPair serverKey = Certificates.newKeyPair(new SecureRandom());
        Files.writeString(dir.resolve("server.pem"), Certificates.pem(List.of(ca.issueServer(serverKey.getPublic()))));
        Files.writeString(dir.resolve("server.key"), pkcs8(serverKey.getPrivate()));

        IdentityStore gateway = IdentityStore.open(temp.resolve("gw"), "wg-ward-7", new SecureRandom(),
                Clock.systemUTC());
        gateway.installTrustAnchors(List.of(ca.certificate()));
        gateway.installCertificateChain(List.of(ca.sign(gateway.certificateSigningRequest())));
        Path gatewayP12 = p12(temp.resolve("gateway.p12"), gateway.signingKey().privateKey(),
                gateway.signingKey().chain());
        KeyPair receiverKey = Certificates.newKeyPair(new SecureRandom());
        Path receiverP12 = p12(temp.resolve("receiver.p12"), receiverKey.getPrivate(),
                List.of(ca.issue("CN=receiver-1", receiverKey.getPublic())));

        try (Mosquitto broker = Mosquitto.start(dir)) {
            WindowDeduplicator shared = new WindowDeduplicator(1024, 1000);
            StringWriter output = new StringWriter();
            Set<String> receivedBy = ConcurrentHashMap.newKeySet();
            AtomicInteger handled = new AtomicInteger();
            EnvelopeOpener opener = new EnvelopeOpener(Map.of("backend-test", TestKeys.backend().getPrivate()),
                    new CaSignerCheck(List.of(ca.certificate()), List.of(), List.of()));
            SSLSocketFactory receiverTls = TlsContexts.socketFactory(receiverP12, "changeit".toCharArray(),
                    dir.resolve("ca.pem"));
            try (PahoSubscriber first = new PahoSubscriber(new PahoSubscriber.Settings(broker.uri(), "receiver-a",
                    "wardgate/#", "backend", receiverTls));
                    PahoSubscriber second = new PahoSubscriber(new PahoSubscriber.Settings(broker.uri(), "receiver-b",
                            "wardgate/#", "backend", receiverTls))) {
                io.wardgate.receiver.ReadingSink sink = envelope -> {
                    synchronized (output) {
                        output.write(envelope.tags().sequence() + "\n");
                    }
                };
                // Two receiver instances (as on two hosts), one shared de-duplication store.
                Receiver a = new Receiver(opener, shared, List.of(sink));
                Receiver b = new Receiver(opener, shared, List.of(sink));
                first.start((topic, payload) -> {
                    receivedBy.add("a");
                    a.receive(topic, payload);
                    handled.incrementAndGet();
                });
                second.start((topic, payload) -> {
                    receivedBy.add("b");
                    b.receive(topic, payload);
                    handled.incrementAndGet();
                });

                MqttClient publisher = new MqttClient(broker.uri(), "wg-ward-7", new MemoryPersistence());
                MqttConnectionOptions options = new MqttConnectionOptions();
                options.setSocketFactory(TlsContexts.socketFactory(gatewayP12, "changeit".toCharArray(),
                        dir.resolve("ca.pem")));
                options.setHttpsHostnameVerificationEnabled(true);
                publisher.connect(options);
                EnvelopeSealer sealer = new EnvelopeSealer(Randomness.secure(new SecureRandom()),
                        Es256Signer.randomized(new SecureRandom()));
                String topic = "wardgate/st-marys/icu-2/wg-ward-7/vitals/" + Topics.escape(TestReadings.MONITOR.id());
                byte[][] envelopes = new byte[10][];
                for (int sequence = 0; sequence < 10; sequence++) {
                    envelopes[sequence] = sealer.seal(new SealTags("wg-ward-7", TestReadings.MONITOR.id(), 0, sequence,
                            TestReadings.T0), new Batch(TestReadings.MONITOR, TestReadings.BED_12, "icu",
                            List.of(TestReadings.everyVitalSign().get(1))), gateway.signingKey(),
                            TestKeys.backendRecipient(), ContentAlgorithm.CHACHA20_POLY1305);
                    publisher.publish(topic, message(envelopes[sequence]));
                }
                for (int sequence : new int[] {2, 5, 9}) {
                    publisher.publish(topic, message(envelopes[sequence]));
                }
                publisher.disconnect();
                publisher.close();

                await().atMost(Duration.ofSeconds(60)).until(() -> handled.get() == 13);
                assertThat(output.toString().lines().map(Long::parseLong).sorted().toList())
                        .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
                // Mosquitto hands shared-subscription messages out in turn: both receivers got some.
                assertThat(receivedBy).containsExactlyInAnyOrder("a", "b");
            }
        }
    }

    private static MqttMessage message(byte[] payload) {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        return message;
    }

    private static String pkcs8(PrivateKey key) throws Exception {
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(new JcaPKCS8Generator(key, null));
        }
        return pem.toString();
    }

    private static Path p12(Path file, PrivateKey key, List<X509Certificate> chain) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("key", key, "changeit".toCharArray(), chain.toArray(new Certificate[0]));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, "changeit".toCharArray());
        return Files.write(file, out.toByteArray());
    }
}
