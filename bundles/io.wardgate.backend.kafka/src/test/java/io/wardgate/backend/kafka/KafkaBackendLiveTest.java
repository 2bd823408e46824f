package io.wardgate.backend.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.backend.kafka.cli.KafkaBackendMain;
import io.wardgate.receiver.mqtt.PahoSubscriber;
import io.wardgate.receiver.mqtt.TlsContexts;
import io.wardgate.seal.envelope.TestKeys;
import io.wardgate.testkit.BrokerSetup;
import io.wardgate.testkit.MosquittoBroker;
import io.wardgate.testkit.Pem;
import io.wardgate.testkit.RequiredTools;
import io.wardgate.testkit.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 24 end to end, all parts real: mosquitto (TLS, client certificates, persistence), a Kafka
 * 4.4 KRaft broker in a child JVM, the bridge, and receivers as child JVMs of the consumer group.
 * Three gateways with two devices each publish; three receivers share six partitions; one is killed
 * with SIGKILL mid-stream and a fourth joins; mosquitto restarts under the bridge, then Kafka is
 * stopped while envelopes arrive and started again. Every reading is
 * in the readings topic exactly once and in order per device (read_committed), alarms are in the
 * alarms topic, replays and a tampered envelope are in the rejected topic with their reason, and a
 * replay after every receiver was replaced is still rejected as a duplicate.
 */
class KafkaBackendLiveTest {
    private static final int GATEWAYS = 3;
    private static final int DEVICES = 2;
    private static final int PER_DEVICE = 60;
    private static final Pattern READING = Pattern.compile(
            "\"gateway\":\"([^\"]+)\",\"device\":\"([^\"]+)\",\"epoch\":(\\d+),\"sequence\":(\\d+),\"index\":(\\d+)");

    @TempDir
    Path temp;

    @Test
    void readingsExactlyOnceInOrderThroughAKilledAndAnAddedReceiver() throws Exception {
        RequiredTools.require("the Kafka backend test", "mosquitto");
        TestPki pki = TestPki.create("Hospital Gateway and MQTT CA");
        Path caPem = pki.writeCaPem(temp.resolve("ca.pem"));
        Path backendKey = temp.resolve("backend.key");
        Pem.writePrivateKey(backendKey, TestKeys.backend().getPrivate());
        BackendTopics topics = new BackendTopics("wg");
        List<Process> receivers = new ArrayList<>();

        try (KafkaBroker kafka = KafkaBroker.start(temp.resolve("kafka"));
                MosquittoBroker mqtt = new MosquittoBroker(BrokerSetup.of(temp.resolve("mosquitto"), pki))) {
            mqtt.start();
            String brokerUri = "ssl://localhost:" + mqtt.port();
            try (Admin admin = Admin.create(properties(kafka))) {
                topics.create(admin, 6, (short) 1);
            }
            for (String instance : List.of("r1", "r2", "r3")) {
                receivers.add(receiver(kafka, instance, caPem, backendKey));
            }
            List<SimulatedGateway> gateways = new ArrayList<>();
            for (int g = 0; g < GATEWAYS; g++) {
                gateways.add(new SimulatedGateway(pki, "wg-" + g, brokerUri, temp, caPem));
            }
            char[] password = "test-only".toCharArray();
            Path bridgeP12 = pki.client("backend-receiver").writePkcs12(temp.resolve("bridge.p12"), password);
            try (Outputs outputs = new Outputs(kafka, topics);
                    MqttKafkaBridge bridge = new MqttKafkaBridge(new PahoSubscriber(new PahoSubscriber.Settings(
                            brokerUri, "backend-bridge-1", PahoSubscriber.ENVELOPE_FILTER, "",
                            TlsContexts.socketFactory(bridgeP12, password, caPem))),
                            new KafkaProducer<>(producerProperties(kafka), new ByteArraySerializer(),
                                    new ByteArraySerializer()), topics, 1 << 20)) {
                bridge.start();
                Map<String, byte[]> sealed = new HashMap<>();
                publish(gateways, 0, PER_DEVICE / 2, sealed);
                await().atMost(Duration.ofSeconds(120)).until(() -> outputs.poll().readings.size() >= 60);

                receivers.get(1).destroyForcibly(); // SIGKILL, mid-stream
                receivers.add(receiver(kafka, "r4", caPem, backendKey));
                mqtt.stop();
                mqtt.start();
                // Kafka down while envelopes arrive: the bridge holds their acknowledgements until it is back.
                kafka.stop();
                publish(gateways, PER_DEVICE / 2, PER_DEVICE * 3 / 4, sealed);
                kafka.startAgain();
                publish(gateways, PER_DEVICE * 3 / 4, PER_DEVICE, sealed);

                // Replays of accepted envelopes, and a tampered one (a new sequence, one flipped bit).
                for (int s = 3; s < 8; s++) {
                    gateways.get(0).publish(SimulatedGateway.device(0), sealed.get(key("wg-0", 0, s)));
                }
                byte[] tampered = gateways.get(1).seal(1, 1, 10_000, SimulatedGateway.now());
                tampered[tampered.length - 40] ^= 0x01;
                gateways.get(1).publish(SimulatedGateway.device(1), tampered);

                int expected = GATEWAYS * DEVICES * readingsOfAll(PER_DEVICE);
                // untilAsserted: a timeout names the part that did not arrive (it timed out once at 150 s).
                await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    outputs.poll();
                    assertThat(outputs.readings.size()).as("readings in the output topic").isGreaterThanOrEqualTo(expected);
                    assertThat(outputs.rejectedAs("DUPLICATE")).as("replays rejected as DUPLICATE").isGreaterThanOrEqualTo(5);
                    assertThat(outputs.rejected.stream().anyMatch(r -> Arrays.equals(r.value(), tampered)))
                            .as("the tampered envelope rejected (" + outputs.rejected.size() + " rejected)").isTrue();
                });
                outputs.assertExactlyOnceInOrder(GATEWAYS, DEVICES, PER_DEVICE);
                assertThat(outputs.alarms).hasSize(GATEWAYS * DEVICES * (PER_DEVICE / 10));
                assertThat(outputs.reasonOf(tampered)).isIn("DECRYPTION_FAILED", "BAD_SIGNATURE", "MALFORMED");

                // Every receiver replaced: the de-duplication state comes back from the changelog.
                for (Process receiver : receivers) {
                    receiver.destroy();
                    receiver.waitFor(30, TimeUnit.SECONDS);
                }
                receivers.add(receiver(kafka, "r5", caPem, backendKey));
                receivers.add(receiver(kafka, "r6", caPem, backendKey));
                long duplicatesBefore = outputs.rejectedAs("DUPLICATE");
                byte[] replay = sealed.get(key("wg-2", 1, 17));
                gateways.get(2).publish(SimulatedGateway.device(1), replay);
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                        .until(() -> outputs.poll().rejectedAs("DUPLICATE") > duplicatesBefore);
                assertThat(outputs.readings).hasSize(expected);
                assertThat(outputs.rejected.stream().filter(r -> Arrays.equals(r.value(), replay))
                        .map(r -> header(r, KafkaReceiver.REASON))).contains("DUPLICATE");
            } finally {
                for (SimulatedGateway gateway : gateways) {
                    gateway.close();
                }
            }
        } finally {
            receivers.forEach(Process::destroyForcibly);
        }
    }

    private static int readingsOfAll(int perDevice) {
        int total = 0;
        for (long s = 0; s < perDevice; s++) {
            total += SimulatedGateway.readingsOf(s);
        }
        return total;
    }

    private static String key(String gateway, int device, long sequence) {
        return gateway + '/' + device + '/' + sequence;
    }

    private static void publish(List<SimulatedGateway> gateways, int from, int to, Map<String, byte[]> sealed) {
        for (int s = from; s < to; s++) {
            for (SimulatedGateway gateway : gateways) {
                for (int d = 0; d < DEVICES; d++) {
                    byte[] envelope = gateway.seal(d, 1, s, SimulatedGateway.now());
                    sealed.put(key(gateway.gatewayId(), d, s), envelope);
                    gateway.publish(SimulatedGateway.device(d), envelope);
                }
            }
        }
    }

    private Process receiver(KafkaBroker kafka, String instance, Path caPem, Path backendKey) throws Exception {
        return KafkaBroker.java(temp.resolve("receiver-" + instance + ".log"),
                List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), KafkaBackendMain.class.getName(),
                "receive", "--bootstrap", kafka.bootstrap(), "--prefix", "wg", "--instance", instance,
                "--backend-key", "backend-test=" + backendKey, "--gateway-ca", caPem.toString(),
                "--stats-seconds", "2");
    }

    static Properties properties(KafkaBroker kafka) {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", kafka.bootstrap());
        return properties;
    }

    private static Properties producerProperties(KafkaBroker kafka) {
        Properties properties = properties(kafka);
        properties.put("acks", "all");
        properties.put("enable.idempotence", "true");
        properties.put("linger.ms", "5");
        return properties;
    }

    static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /** What a downstream consumer (read_committed) sees in the output topics, in partition order. */
    static final class Outputs implements AutoCloseable {
        final List<ConsumerRecord<byte[], byte[]>> readings = new ArrayList<>();
        final List<ConsumerRecord<byte[], byte[]>> alarms = new ArrayList<>();
        final List<ConsumerRecord<byte[], byte[]>> rejected = new ArrayList<>();
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final BackendTopics topics;

        Outputs(KafkaBroker kafka, BackendTopics topics) {
            Properties properties = properties(kafka);
            properties.put("isolation.level", "read_committed");
            properties.put("enable.auto.commit", "false");
            this.consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            this.topics = topics;
            List<TopicPartition> all = new ArrayList<>();
            for (String topic : List.of(topics.readings(), topics.alarms(), topics.rejected())) {
                consumer.partitionsFor(topic).forEach(p -> all.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(all);
            consumer.seekToBeginning(all);
        }

        Outputs poll() {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.topic().equals(topics.readings())) {
                    readings.add(record);
                } else if (record.topic().equals(topics.alarms())) {
                    alarms.add(record);
                } else {
                    rejected.add(record);
                }
            }
            return this;
        }

        long rejectedAs(String reason) {
            return rejected.stream().filter(r -> reason.equals(header(r, KafkaReceiver.REASON))).count();
        }

        String reasonOf(byte[] envelope) {
            return rejected.stream().filter(r -> Arrays.equals(r.value(), envelope)).map(r -> header(r, KafkaReceiver.REASON))
                    .findFirst().orElse("none");
        }

        /** Each (gateway, device, sequence, index) once; per device, sequences only ever increase. */
        void assertExactlyOnceInOrder(int gateways, int devices, int perDevice) {
            Map<String, List<Long>> perDeviceOrder = new HashMap<>();
            Map<String, Integer> seen = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> record : readings) {
                Matcher m = READING.matcher(new String(record.value(), StandardCharsets.UTF_8));
                assertThat(m.find()).as("a reading line").isTrue();
                seen.merge(m.group(1) + '/' + m.group(2) + '/' + m.group(4) + '/' + m.group(5), 1, Integer::sum);
                if (m.group(5).equals("0")) {
                    perDeviceOrder.computeIfAbsent(m.group(1) + '/' + m.group(2), k -> new ArrayList<>())
                            .add(Long.parseLong(m.group(4)));
                }
            }
            assertThat(seen.values()).as("every reading exactly once").allMatch(count -> count == 1);
            assertThat(perDeviceOrder).hasSize(gateways * devices);
            List<Long> all = new ArrayList<>();
            for (long s = 0; s < perDevice; s++) {
                all.add(s);
            }
            perDeviceOrder.forEach((device, sequences) -> assertThat(sequences).as(device).isEqualTo(all));
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
