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
import io.wardgate.seal.envelope.SigningKey;
import io.wardgate.seal.envelope.TestKeys;
import io.wardgate.seal.envelope.TestReadings;
import io.wardgate.seal.envelope.Topics;
import io.wardgate.testkit.Publish;
import io.wardgate.testkit.BrokerSetup;
import io.wardgate.testkit.Issued;
import io.wardgate.testkit.MosquittoBroker;
import io.wardgate.testkit.RequiredTools;
import io.wardgate.testkit.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker restarts while a backlog waits for the receiver (issue 24, item 0), against a real
 * Mosquitto (TLS, client certificates, persistence on). The receiver is stuck on one envelope while
 * the gateway publishes 300 more and its retained birth message; the broker stops, the receiver
 * gets unstuck, and the broker starts again with all of them queued for the receiver's persistent
 * session. Paho then reconnects and the broker pours the
 * backlog out at once: a subscribe() on the callback thread would deadlock here and nothing more
 * would be written. Every envelope is written exactly once, the status messages are never taken
 * for envelopes (no MALFORMED), and envelopes published after the restart arrive too.
 */
class BrokerRestartLiveTest {
    private static final char[] PASSWORD = "test-only".toCharArray();
    private static final int BACKLOG = 300;
    private static final int AFTER_RESTART = 20;

    @TempDir
    Path temp;

    @Test
    void aBacklogAfterABrokerRestartIsReceivedOnceAndStatusMessagesAreNotEnvelopes() throws Exception {
        RequiredTools.require("a real MQTT broker restart", "mosquitto");
        TestPki pki = TestPki.create("Hospital MQTT and Gateway CA");
        Path caPem = pki.writeCaPem(temp.resolve("ca.pem"));
        Issued gateway = pki.client("wg-ward-7");
        Issued backend = pki.client("backend-receiver");
        SigningKey signingKey = new SigningKey(gateway.key(), gateway.certificate().getPublicKey(), gateway.chain());
        String topic = "wardgate/st-marys/icu-2/wg-ward-7/vitals/" + Topics.escape(TestReadings.MONITOR.id());
        String statusTopic = "wardgate/st-marys/icu-2/wg-ward-7/status";

        Map<Long, Integer> written = new ConcurrentHashMap<>();
        Queue<String> problems = new ConcurrentLinkedQueue<>();
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Receiver receiver = new Receiver(new EnvelopeOpener(Map.of("backend-test", TestKeys.backend().getPrivate()),
                new CaSignerCheck(List.of(pki.caCertificate()), List.of(), List.of())),
                new WindowDeduplicator(1024, 1000),
                List.of(envelope -> written.merge(envelope.tags().sequence(), 1, Integer::sum)));

        try (MosquittoBroker broker = new MosquittoBroker(BrokerSetup.of(temp.resolve("broker"), pki))) {
            broker.start();
            String uri = "ssl://localhost:" + broker.port();
            PahoSubscriber.Settings settings = new PahoSubscriber.Settings(uri, "backend-receiver-1", "wardgate/#", "",
                    TlsContexts.socketFactory(backend.writePkcs12(temp.resolve("backend.p12"), PASSWORD), PASSWORD,
                            caPem));
            Path gatewayP12 = gateway.writePkcs12(temp.resolve("gateway.p12"), PASSWORD);
            EnvelopeSealer sealer = new EnvelopeSealer(Randomness.secure(new SecureRandom()),
                    Es256Signer.randomized(new SecureRandom()));
            try (PahoSubscriber subscriber = new PahoSubscriber(settings)) {
                subscriber.start((arrivedOn, payload) -> {
                    if (!arrivedOn.equals(topic)) {
                        problems.add("handed over from " + arrivedOn);
                    }
                    stuck.countDown();
                    if (!release.await(2, TimeUnit.MINUTES)) {
                        throw new IllegalStateException("never released");
                    }
                    OpenResult result = receiver.receive(arrivedOn, payload);
                    if (result instanceof OpenResult.Rejected rejected
                            && rejected.reason() != OpenResult.Reason.DUPLICATE) {
                        problems.add(rejected.reason() + ": " + rejected.detail());
                    }
                });

                MqttClient publisher = publisher(uri, gatewayP12, caPem);
                publisher.publish(statusTopic, retained("{\"gateway\":\"wg-ward-7\",\"state\":\"online\"}"));
                for (long sequence = 0; sequence < BACKLOG; sequence++) {
                    Publish.qos1(publisher, topic, envelope(sealer, signingKey, sequence));
                }
                assertThat(stuck.await(30, TimeUnit.SECONDS)).as("the receiver took the first envelope").isTrue();

                broker.stop();
                release.countDown();
                publisher.disconnectForcibly(0, 1000, false);
                publisher.close(true);
                broker.start();

                MqttClient again = publisher(uri, gatewayP12, caPem);
                again.publish(statusTopic, retained("{\"gateway\":\"wg-ward-7\",\"state\":\"online\"}"));
                for (long sequence = BACKLOG; sequence < BACKLOG + AFTER_RESTART; sequence++) {
                    Publish.qos1(again, topic, envelope(sealer, signingKey, sequence));
                }
                again.disconnect();
                again.close();

                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                        .until(() -> written.size() == BACKLOG + AFTER_RESTART);
            }
        }
        assertThat(written.values()).as("each envelope written once").allMatch(count -> count == 1);
        assertThat(written.keySet()).hasSize(BACKLOG + AFTER_RESTART)
                .allMatch(sequence -> sequence >= 0 && sequence < BACKLOG + AFTER_RESTART);
        assertThat(problems).isEmpty();
    }

    private static MqttClient publisher(String uri, Path p12, Path caPem) throws Exception {
        MqttClient client = new MqttClient(uri, "wg-ward-7", new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setSocketFactory(TlsContexts.socketFactory(p12, PASSWORD, caPem));
        options.setHttpsHostnameVerificationEnabled(true);
        client.connect(options);
        return client;
    }

    private static MqttMessage envelope(EnvelopeSealer sealer, SigningKey key, long sequence) {
        MqttMessage message = new MqttMessage(sealer.seal(
                new SealTags("wg-ward-7", TestReadings.MONITOR.id(), 1, sequence, TestReadings.T0.plusSeconds(sequence)),
                new Batch(TestReadings.MONITOR, TestReadings.BED_12, "icu", List.of(TestReadings.everyVitalSign().get(1))),
                key, TestKeys.backendRecipient(), ContentAlgorithm.CHACHA20_POLY1305));
        message.setQos(1);
        return message;
    }

    private static MqttMessage retained(String json) {
        MqttMessage message = new MqttMessage(json.getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        message.setRetained(true);
        return message;
    }
}
