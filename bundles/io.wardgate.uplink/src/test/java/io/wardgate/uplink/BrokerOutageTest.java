package io.wardgate.uplink;

import static io.wardgate.uplink.UplinkFixture.firstArrivals;
import static io.wardgate.uplink.UplinkFixture.range;
import static io.wardgate.uplink.UplinkFixture.store;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.outbox.OutboxEngine;
import io.wardgate.testkit.MqttBroker;
import io.wardgate.testkit.TestSubscriber;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * R2 in miniature (seconds, not hours): the broker is stopped under load and started again; the
 * outbox keeps everything, then drains it: nothing lost, per-device order kept.
 */
class BrokerOutageTest {
    private static final String[] DEVICES = {"serial:/dev/ttyUSB0", "serial:/dev/ttyUSB1", "ble:AA:BB:CC:DD:EE:FF"};
    private static final int MAX_ROUNDS = 2000;

    @TempDir
    Path dir;

    @Test
    void nothingIsLostAndOrderIsKeptAcrossABrokerOutage() throws Exception {
        try (UplinkFixture fixture = new UplinkFixture(dir)) {
            MqttBroker broker = fixture.broker();
            TestSubscriber backend = fixture.subscriber(broker);
            OutboxEngine outbox = fixture.outbox();
            UplinkEngine uplink = fixture.uplink(fixture.settings(broker.url()), outbox);
            await().atMost(Duration.ofSeconds(20)).until(() -> uplink.status().connected());

            AtomicInteger produced = new AtomicInteger();
            AtomicBoolean keepProducing = new AtomicBoolean(true);
            AtomicReference<Throwable> producerFailure = new AtomicReference<>();
            Thread producer = new Thread(() -> {
                try {
                    for (int i = 0; i < MAX_ROUNDS && keepProducing.get(); i++) {
                        for (String device : DEVICES) {
                            store(outbox, device, i);
                        }
                        produced.set(i + 1);
                        LockSupport.parkNanos(Duration.ofMillis(15).toNanos()); // a steady stream of readings
                    }
                } catch (Throwable t) {
                    producerFailure.set(t);
                }
            }, "producer");
            producer.start();

            await().atMost(Duration.ofSeconds(30)).until(() -> produced.get() >= 30);
            broker.stop();
            await().atMost(Duration.ofSeconds(20)).until(() -> !uplink.status().connected());
            int atStop = produced.get();
            // The broker stays down while readings keep coming: the outbox grows.
            await().atMost(Duration.ofSeconds(60)).until(() -> produced.get() >= atStop + 30);
            assertThat(outbox.status().envelopes()).isGreaterThanOrEqualTo(30L * DEVICES.length);
            assertThat(fixture.audit.withAction("UPLINK_DISCONNECTED")).isNotEmpty();

            broker.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> uplink.status().connected());
            int atRestart = produced.get();
            await().atMost(Duration.ofSeconds(60)).until(() -> produced.get() >= atRestart + 30); // live data meanwhile
            keepProducing.set(false);
            producer.join();
            assertThat(producerFailure.get()).isNull();
            int rounds = produced.get();

            await().atMost(Duration.ofSeconds(60)).until(() -> outbox.status().envelopes() == 0);
            await().atMost(Duration.ofSeconds(30)).until(() -> firstArrivals(backend.received()).values().stream()
                    .mapToInt(List::size).sum() == rounds * DEVICES.length);
            Map<String, List<Long>> arrivals = firstArrivals(backend.received());
            for (String device : DEVICES) {
                // every one once; the backlog in order, and the live data stored after the restart in order ahead of it
                assertThat(arrivals.get(device)).as(device).containsExactlyInAnyOrderElementsOf(range(rounds));
                assertThat(UplinkFixture.orderedRuns(arrivals.get(device))).as(device + " runs").isLessThanOrEqualTo(2);
            }
            assertThat(uplink.status().connected()).isTrue();
        }
    }
}
