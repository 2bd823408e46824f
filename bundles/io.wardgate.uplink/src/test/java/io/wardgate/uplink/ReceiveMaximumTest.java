package io.wardgate.uplink;

import static io.wardgate.uplink.UplinkFixture.firstArrivals;
import static io.wardgate.uplink.UplinkFixture.range;
import static io.wardgate.uplink.UplinkFixture.store;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.outbox.OutboxEngine;
import io.wardgate.testkit.BrokerSetup;
import io.wardgate.testkit.Brokers;
import io.wardgate.testkit.MqttBroker;
import io.wardgate.testkit.RequiredTools;
import io.wardgate.testkit.TestSubscriber;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-flight window follows the broker's Receive Maximum (MQTT 5 CONNACK), bounded by the setting: a real
 * mosquitto configured with max_inflight_messages (docs/operations.md, "What the broker must provide").
 */
class ReceiveMaximumTest {
    @TempDir
    Path dir;

    private UplinkFixture fixture;

    @BeforeEach
    void setUp() {
        if (!Brokers.mosquittoInstalled()) {
            RequiredTools.unavailable("the Receive Maximum tests configure mosquitto (Debian package mosquitto)");
        }
        fixture = new UplinkFixture(dir);
    }

    @AfterEach
    void tearDown() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private MqttBroker mosquitto(int maxInflight) {
        return fixture.mosquitto(BrokerSetup.of(dir.resolve("broker-" + maxInflight), fixture.pki)
                .withMaxInflight(maxInflight));
    }

    @Test
    void aBrokerWithASmallReceiveMaximumCapsTheWindowAndStillGetsEverythingInOrder() {
        MqttBroker broker = mosquitto(5);
        TestSubscriber backend = fixture.subscriber(broker);
        OutboxEngine outbox = fixture.outbox();
        for (int i = 0; i < 200; i++) {
            store(outbox, "serial:/dev/ttyUSB0", i);
            store(outbox, "serial:/dev/ttyUSB1", i);
        }
        UplinkEngine uplink = fixture.uplink(fixture.settings(broker.url()).withWindow(100), outbox);

        await().atMost(Duration.ofSeconds(20)).until(() -> uplink.window() > 0);
        assertThat(uplink.window()).isEqualTo(5);
        await().atMost(Duration.ofSeconds(60)).until(() -> outbox.status().envelopes() == 0);
        // never more in flight than the broker allows (Paho would refuse the publish, the broker disconnect)
        assertThat(uplink.peakInFlight()).isBetween(1, 5);
        await().atMost(Duration.ofSeconds(20)).until(() -> firstArrivals(backend.received()).values().stream()
                .mapToInt(List::size).sum() == 400);
        firstArrivals(backend.received()).values().forEach(seqs -> assertThat(seqs).containsExactlyElementsOf(range(200)));
    }

    @Test
    void aBrokerAllowingMoreGetsTheWholeSettingAndTheWindowFills() {
        MqttBroker broker = mosquitto(200);
        OutboxEngine outbox = fixture.outbox();
        for (int i = 0; i < 600; i++) {
            store(outbox, "serial:/dev/ttyUSB0", i);
        }
        UplinkEngine uplink = fixture.uplink(fixture.settings(broker.url()).withWindow(64), outbox);

        await().atMost(Duration.ofSeconds(20)).until(() -> uplink.window() > 0);
        assertThat(uplink.window()).isEqualTo(64);
        await().atMost(Duration.ofSeconds(60)).until(() -> outbox.status().envelopes() == 0);
        // the backlog used more than mosquitto's default of 20, never more than the setting
        assertThat(uplink.peakInFlight()).isGreaterThan(20).isLessThanOrEqualTo(64);
    }

    @Test
    void theDefaultSettingLeavesTheDecisionToTheBrokerAndRefillsInBatches() {
        assertThat(UplinkEngine.windowFor(UplinkSettings.DEFAULT_WINDOW, 20)).isEqualTo(20);
        assertThat(UplinkEngine.windowFor(UplinkSettings.DEFAULT_WINDOW, 65_535)).isEqualTo(UplinkSettings.DEFAULT_WINDOW);
        assertThat(UplinkEngine.windowFor(16, 0)).isEqualTo(1);
        // alarms keep a share of the window whatever the broker says
        assertThat(UplinkEngine.alarmReserve(UplinkEngine.windowFor(UplinkSettings.DEFAULT_WINDOW, 20))).isEqualTo(1);
        assertThat(UplinkEngine.alarmReserve(UplinkSettings.DEFAULT_WINDOW)).isEqualTo(6);
        // a busy window is refilled an eighth at a time; a small one at every PUBACK, as before
        assertThat(UplinkEngine.refillBatch(UplinkSettings.DEFAULT_WINDOW)).isEqualTo(11);
        assertThat(UplinkEngine.refillBatch(20)).isEqualTo(2);
        assertThat(UplinkEngine.refillBatch(16)).isEqualTo(1);
        assertThat(UplinkEngine.refillBatch(1)).isEqualTo(1);
    }
}
