package io.wardgate.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.testkit.MqttBroker;
import io.wardgate.testkit.TestTls;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding 3 of the security review: one oversized MQTT message must not reach the gateway's heap.
 * The CONNECT carries a Maximum Packet Size, so a real broker (mosquitto, whose message_size_limit
 * is left at its default: it forwards anything up to the protocol's 256 MiB) drops the message for
 * the gateway; and a broker that ignores the limit is cut off by the guard below Paho before Paho
 * reads the declared length (Paho 1.2.5 allocates that length before its own check).
 */
class OversizedPacketTest {
    private static final String REQUEST_TOPIC = "wardgate/" + UplinkFixture.SITE + "/" + UplinkFixture.WARD + "/"
            + UplinkFixture.GATEWAY + "/manage/req/attack";
    private static final int MAX = PahoTransport.MAX_INBOUND_PACKET_BYTES;

    @TempDir
    Path dir;

    @Test
    void aRealBrokerDoesNotForwardAnOversizedPublishToTheGateway() throws Exception {
        try (UplinkFixture fixture = new UplinkFixture(dir)) {
            MqttBroker broker = fixture.broker();
            UplinkEngine uplink = fixture.uplink(fixture.settings(broker.url()), fixture.outbox());
            await().atMost(Duration.ofSeconds(20)).until(() -> uplink.status().connected());
            List<Integer> sizes = new CopyOnWriteArrayList<>();
            uplink.channel().subscribe("manage/req/#", (topic, payload) -> sizes.add(payload.length));

            MqttClient admin = new MqttClient(broker.url(), "wardgate-admin", new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setSocketFactory(TestTls.context(fixture.pki.client("wardgate-admin"), fixture.pki.caCertificate())
                    .getSocketFactory());
            admin.connect(options);
            try {
                // The subscription is renewed asynchronously: wait until a small message gets through.
                await().atMost(Duration.ofSeconds(20)).until(() -> {
                    admin.publish(REQUEST_TOPIC, new MqttMessage(new byte[10], 1, false, null));
                    return sizes.contains(10);
                });
                admin.publish(REQUEST_TOPIC, new MqttMessage(new byte[4 * 1024 * 1024], 1, false, null));
                admin.publish(REQUEST_TOPIC, new MqttMessage(new byte[20], 1, false, null));
                await().atMost(Duration.ofSeconds(20)).until(() -> sizes.contains(20));
            } finally {
                admin.disconnect();
                admin.close();
            }
            assertThat(sizes).as("payload sizes the gateway received").allMatch(n -> n <= MAX);
            assertThat(uplink.status().connected()).isTrue();
        }
    }

    @Test
    void aBrokerIgnoringTheLimitIsCutOffBeforePahoAllocatesTheDeclaredLength() throws Exception {
        try (UplinkFixture fixture = new UplinkFixture(dir);
                FakeBrokerWithoutPuback broker = new FakeBrokerWithoutPuback(fixture.pki.server("broker"),
                        fixture.pki.caCertificate())) {
            AtomicReference<String> lost = new AtomicReference<>();
            UplinkSettings settings = fixture.settings(broker.url());
            MqttTransport.MqttSession session = new PahoTransport().connect(settings.brokers().get(0),
                    new MqttTransport.ConnectRequest(UplinkFixture.GATEWAY, 30, 10, "w/status", new byte[0],
                            TestTls.context(fixture.pki.client(UplinkFixture.GATEWAY), fixture.pki.caCertificate())
                                    .getSocketFactory(), (host, tlsSession) -> true),
                    lost::set);
            Thread receiver = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("MQTT Rec")).findFirst().orElseThrow();
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long before = threads.getThreadAllocatedBytes(receiver.getId());
            AtomicLong mostAllocated = new AtomicLong();

            // A PUBLISH declaring the protocol's largest Remaining Length (268,435,455), then a few bytes.
            broker.sendToClients(new byte[] {0x30, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F, 0x00, 0x01, 'x'});

            await().atMost(Duration.ofSeconds(20)).until(() -> {
                long now = threads.getThreadAllocatedBytes(receiver.getId());
                if (now > 0) {
                    mostAllocated.accumulateAndGet(now - before, Math::max);
                }
                return lost.get() != null || mostAllocated.get() > 64L * 1024 * 1024;
            });
            session.close();
            assertThat(mostAllocated.get()).as("bytes Paho's receiver allocated").isLessThan(16L * 1024 * 1024);
            assertThat(lost.get()).contains("exceeds the maximum of " + MAX);
        }
    }
}
