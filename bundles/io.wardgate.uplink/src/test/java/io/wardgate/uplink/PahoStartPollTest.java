package io.wardgate.uplink;

import static io.wardgate.uplink.UplinkFixture.store;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.outbox.OutboxEngine;
import io.wardgate.testkit.MqttBroker;
import io.wardgate.testkit.TestSubscriber;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paho 1.2.5 waits in 100 ms polls while its receiver, sender and callback start (upstream issue 945):
 * PahoThreads releases the connect task from them. Against a real TLS broker with client certificates, on
 * the first connection and on a reconnect after an outage, with delivery, loss and shutdown unchanged.
 */
class PahoStartPollTest {
    @TempDir
    Path dir;

    @Test
    void everyConnectIsReleasedFromPahosStartPollsAndTheConnectionStillWorks() {
        try (UplinkFixture fixture = new UplinkFixture(dir)) {
            MqttBroker broker = fixture.broker();
            TestSubscriber backend = fixture.subscriber(broker);
            OutboxEngine outbox = fixture.outbox();
            store(outbox, "a", 0);
            PahoTransport transport = new PahoTransport();
            UplinkEngine uplink = fixture.track(new UplinkEngine(fixture.settings(broker.url()), outbox,
                    fixture.identity, transport, () -> fixture.audit, Clock.systemUTC(), new SplittableRandom()).start());

            await().atMost(Duration.ofSeconds(30)).until(() -> outbox.status().envelopes() == 0);
            // Receiver and sender at least (the callback may already run when its start() first looks).
            long first = transport.releasedFromStartPolls();
            assertThat(first).as("start polls released on the first connect").isGreaterThanOrEqualTo(2);
            assertThat(noPahoThreadIsLeftInterrupted()).isTrue();

            broker.stop(); // an outage: the connection is lost, Paho's threads stop, a new client reconnects
            await().atMost(Duration.ofSeconds(30)).until(() -> !uplink.status().connected());
            broker.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> uplink.status().connected());
            store(outbox, "a", 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> outbox.status().envelopes() == 0);
            assertThat(transport.releasedFromStartPolls() - first).as("released on the reconnect")
                    .isGreaterThanOrEqualTo(2);
            await().atMost(Duration.ofSeconds(30)).until(() -> UplinkFixture.firstArrivals(backend.received())
                    .getOrDefault("a", List.of()).containsAll(List.of(0L, 1L)));

            uplink.close();
            // Shutdown: every pool thread of ours ends (none is left waiting for a task or a ping).
            await().atMost(Duration.ofSeconds(30)).until(() -> pahoThreads().isEmpty());
        }
    }

    /** Keep-alive pings run on the same pool: an idle connection outlives 1.5 keep-alive intervals (mosquitto's limit). */
    @Test
    void anIdleConnectionIsKeptAliveByPingsOnThePool() {
        try (UplinkFixture fixture = new UplinkFixture(dir)) {
            MqttBroker broker = fixture.broker();
            UplinkEngine uplink = fixture.uplink(fixture.settings(broker.url()), fixture.outbox()); // keep-alive 5 s
            await().atMost(Duration.ofSeconds(30)).until(() -> uplink.status().connected());

            await().during(Duration.ofSeconds(16)).atMost(Duration.ofSeconds(30)).until(() -> uplink.status().connected());
            assertThat(broker.admittedConnections(UplinkFixture.GATEWAY)).as(broker.log()).isEqualTo(1);
            assertThat(fixture.audit.withAction("UPLINK_DISCONNECTED")).isEmpty();
        }
    }

    private static List<Thread> pahoThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("wardgate-paho-") || t.getName().contains(UplinkFixture.GATEWAY))
                .filter(Thread::isAlive).toList();
    }

    private static boolean noPahoThreadIsLeftInterrupted() {
        return pahoThreads().stream().noneMatch(Thread::isInterrupted);
    }
}
