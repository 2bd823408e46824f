package io.wardgate.uplink;

import static io.wardgate.uplink.UplinkFixture.DATA_TOPIC;
import static io.wardgate.uplink.UplinkFixture.firstArrivals;
import static io.wardgate.uplink.UplinkFixture.range;
import static io.wardgate.uplink.UplinkFixture.store;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.outbox.OutboxEngine;
import io.wardgate.testkit.BrokerSetup;
import io.wardgate.testkit.Brokers;
import io.wardgate.testkit.MosquittoBroker;
import io.wardgate.testkit.MqttBroker;
import io.wardgate.testkit.RequiredTools;
import io.wardgate.testkit.TestSubscriber;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recovery against real brokers (mosquitto, or HiveMQ with -Dwardgate.test.broker=embedded): issue #25 item 4. */
class RecoveryTest {
    private static final Duration LONG_BACKOFF = Duration.ofMinutes(10);

    @TempDir
    Path dir;

    @Test
    void aReturningBrokerIsFoundByItsProbeLongBeforeTheBackoffEnds() {
        try (UplinkFixture fixture = new UplinkFixture(dir)) {
            MqttBroker late = fixture.track(Brokers.create(BrokerSetup.of(dir.resolve("late"), fixture.pki)));
            OutboxEngine outbox = fixture.outbox();
            store(outbox, "a", 0);
            // The first attempt fails (nothing listens); the next would come 5 to 10 minutes later.
            UplinkEngine uplink = fixture.uplink(fixture.settings(late.url())
                    .withTiming(Duration.ofSeconds(5), LONG_BACKOFF, LONG_BACKOFF)
                    .withRecovery(Duration.ofMillis(200), Duration.ofSeconds(30)), outbox);
            await().atMost(Duration.ofSeconds(20)).until(() -> !fixture.audit.withAction("UPLINK_CONNECT_FAILED").isEmpty());
            assertThat(uplink.status().connected()).isFalse();

            late.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> uplink.status().connected());
            await().atMost(Duration.ofSeconds(20)).until(() -> outbox.status().envelopes() == 0);
            assertThat(late.admittedConnections(UplinkFixture.GATEWAY)).isEqualTo(1);
        }
    }

    @Test
    void theUplinkReturnsToThePrimaryWithoutLosingOrDuplicatingWhatWasInFlight() throws Exception {
        try (UplinkFixture fixture = new UplinkFixture(dir)) {
            MqttBroker primary = fixture.broker();
            MqttBroker secondary = secondBroker(fixture, primary);
            // Persistent sessions: the primary's backend subscriber gets what arrives there while it reconnects.
            TestSubscriber onPrimary = fixture.subscriber(primary);
            TestSubscriber onSecondary = fixture.subscriber(secondary);
            primary.stop();
            OutboxEngine outbox = fixture.outbox();
            UplinkEngine uplink = fixture.uplink(fixture.settings(primary.url(), secondary.url()).withWindow(8)
                    .withRecovery(Duration.ofMillis(200), Duration.ofSeconds(1)), outbox);
            await().atMost(Duration.ofSeconds(30)).until(() -> uplink.status().connected()
                    && uplink.status().broker().equals(secondary.url()));

            AtomicInteger produced = new AtomicInteger();
            AtomicBoolean keepProducing = new AtomicBoolean(true);
            Thread producer = new Thread(() -> {
                for (int i = 0; keepProducing.get(); i++) {
                    store(outbox, "serial:/dev/ttyUSB0", i);
                    store(outbox, "serial:/dev/ttyUSB1", i);
                    produced.set(i + 1);
                    LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
                }
            }, "producer");
            producer.start();
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> dataOn(onSecondary) >= 100);
                primary.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> uplink.status().connected()
                        && uplink.status().broker().equals(primary.url()));
                int atReturn = produced.get();
                await().atMost(Duration.ofSeconds(30)).until(() -> produced.get() >= atReturn + 50);
            } finally {
                keepProducing.set(false);
                producer.join();
            }
            int rounds = produced.get();
            await().atMost(Duration.ofSeconds(60)).until(() -> outbox.status().envelopes() == 0);
            await().atMost(Duration.ofSeconds(30)).until(() -> dataOn(onSecondary) + dataOn(onPrimary) >= 2 * rounds);

            // Exactly once across the two brokers: the secondary's part, then the primary's.
            assertThat(dataOn(onSecondary) + dataOn(onPrimary)).isEqualTo(2 * rounds);
            Map<String, List<Long>> before = firstArrivals(onSecondary.received());
            Map<String, List<Long>> after = firstArrivals(onPrimary.received());
            for (String device : List.of("serial:/dev/ttyUSB0", "serial:/dev/ttyUSB1")) {
                assertThat(before.get(device)).as(device + " on the secondary").isNotEmpty();
                assertThat(after.get(device)).as(device + " on the primary").isNotEmpty();
                List<Long> all = new ArrayList<>(before.get(device));
                all.addAll(after.get(device));
                // each once; in order but for what was stored as the uplink moved, sent ahead of the rest (live lane)
                assertThat(all).as(device).containsExactlyInAnyOrderElementsOf(range(rounds));
                assertThat(UplinkFixture.orderedRuns(all)).as(device + " runs").isLessThanOrEqualTo(3);
            }
            assertThat(fixture.audit.withAction("UPLINK_DISCONNECTED")).anySatisfy(
                    event -> assertThat(event.detail()).contains("moving to " + primary.url()));
        }
    }

    /**
     * The other broker of a failover pair. Two embedded HiveMQ in one JVM deliver each other's payloads
     * (status JSON arrived on the data topic here), so beside a HiveMQ the second broker is mosquitto.
     */
    private MqttBroker secondBroker(UplinkFixture fixture, MqttBroker first) {
        if (!first.kind().equals("hivemq")) {
            return fixture.broker();
        }
        if (!Brokers.mosquittoInstalled()) {
            RequiredTools.unavailable("a failover pair beside the embedded HiveMQ needs mosquitto (apt-get install mosquitto)");
        }
        MqttBroker mosquitto = fixture.track(new MosquittoBroker(BrokerSetup.of(dir.resolve("second"), fixture.pki)));
        mosquitto.start();
        return mosquitto;
    }

    private static long dataOn(TestSubscriber subscriber) {
        return subscriber.received().stream().filter(m -> m.topic().equals(DATA_TOPIC)).count();
    }
}
