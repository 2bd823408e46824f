package io.wardgate.uplink;

import static io.wardgate.uplink.UplinkFixture.STATUS_TOPIC;
import static io.wardgate.uplink.UplinkFixture.firstArrivals;
import static io.wardgate.uplink.UplinkFixture.range;
import static io.wardgate.uplink.UplinkFixture.store;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.outbox.OutboxEngine;
import io.wardgate.testkit.FreePort;
import io.wardgate.testkit.MqttBroker;
import io.wardgate.testkit.TestSubscriber;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real broker (mosquitto, or HiveMQ where it is absent): publish, PUBACK, acknowledge. */
class PublishAndAcknowledgeTest {
    @TempDir
    Path dir;

    private UplinkFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new UplinkFixture(dir);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void everyEnvelopeIsPublishedInDeviceOrderAndRemovedOnlyAfterItsPuback() {
        MqttBroker broker = fixture.broker();
        TestSubscriber backend = fixture.subscriber(broker);
        OutboxEngine outbox = fixture.outbox();
        for (int i = 0; i < 40; i++) {
            store(outbox, "serial:/dev/ttyUSB0", i);
            store(outbox, "serial:/dev/ttyUSB1", i);
            store(outbox, "ble:AA:BB:CC:DD:EE:FF", i);
        }
        UplinkEngine uplink = fixture.uplink(fixture.settings(broker.url()).withWindow(8), outbox);

        await().atMost(Duration.ofSeconds(30)).until(() -> outbox.status().envelopes() == 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> firstArrivals(backend.received()).values().stream()
                .mapToInt(List::size).sum() == 120);
        Map<String, List<Long>> arrivals = firstArrivals(backend.received());
        assertThat(arrivals).containsOnlyKeys("serial:/dev/ttyUSB0", "serial:/dev/ttyUSB1", "ble:AA:BB:CC:DD:EE:FF");
        arrivals.values().forEach(seqs -> assertThat(seqs).containsExactlyElementsOf(range(40)));
        assertThat(uplink.status().connected()).isTrue();
        assertThat(uplink.status().broker()).isEqualTo(broker.url());
        assertThat(uplink.status().published()).isGreaterThanOrEqualTo(120);
        assertThat(uplink.status().acknowledged()).isEqualTo(uplink.status().published());
        assertThat(fixture.audit.withAction("UPLINK_CONNECTED")).isNotEmpty();

        // Birth: a retained "online" status; a clean stop leaves a retained "offline".
        assertThat(backend.received()).anySatisfy(m -> {
            assertThat(m.topic()).isEqualTo(STATUS_TOPIC);
            assertThat(m.text()).contains("\"state\":\"online\"").contains(UplinkFixture.GATEWAY);
        });
        uplink.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> backend.received().stream()
                .anyMatch(m -> m.topic().equals(STATUS_TOPIC) && m.text().contains("\"state\":\"offline\"")));
    }

    @Test
    void liveDataIsNotStarvedByABacklog() {
        MqttBroker broker = fixture.broker();
        TestSubscriber backend = fixture.subscriber(broker);
        OutboxEngine outbox = fixture.outbox();
        for (int i = 0; i < 300; i++) {
            store(outbox, "backlog", i);
        }
        store(outbox, "live", 0);
        fixture.uplink(fixture.settings(broker.url()).withWindow(4), outbox);

        await().atMost(Duration.ofSeconds(30)).until(() -> firstArrivals(backend.received()).containsKey("live"));
        // Round robin across devices: the live reading went out among the first few, not after 300.
        List<TestSubscriber.Received> data = backend.received().stream()
                .filter(m -> m.topic().equals(UplinkFixture.DATA_TOPIC)).toList();
        int position = 0;
        while (!data.get(position).text().startsWith("live|")) {
            position++;
        }
        assertThat(position).isLessThan(10);
        await().atMost(Duration.ofSeconds(30)).until(() -> outbox.status().envelopes() == 0);
        // A PUBACK tells the publisher the broker has it, not that subscribers got it (HiveMQ acknowledges
        // first): wait for every arrival, then check the order.
        await().atMost(Duration.ofSeconds(10)).until(() -> firstArrivals(backend.received())
                .getOrDefault("backlog", List.of()).size() == 300);
        assertThat(firstArrivals(backend.received()).get("backlog")).containsExactlyElementsOf(range(300));
    }

    @Test
    void failsOverToTheNextBrokerOfTheList() {
        MqttBroker broker = fixture.broker();
        OutboxEngine outbox = fixture.outbox();
        store(outbox, "a", 0);
        String deadBroker = "ssl://localhost:" + FreePort.pick(); // nothing listens there
        UplinkEngine uplink = fixture.uplink(fixture.settings(deadBroker, broker.url()), outbox);

        await().atMost(Duration.ofSeconds(20)).until(() -> outbox.status().envelopes() == 0);
        assertThat(uplink.status().broker()).isEqualTo(broker.url());
        assertThat(fixture.audit.withAction("UPLINK_CONNECT_FAILED")).anySatisfy(
                event -> assertThat(event.target()).isEqualTo(deadBroker));
    }
}
