package io.wardgate.uplink;

import static io.wardgate.uplink.UplinkFixture.range;
import static io.wardgate.uplink.UplinkFixture.store;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.outbox.OutboxEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drain loop against a scripted transport (our seam): a publish failing midway loses nothing; a PUBACK
 * wakes the loop only when it can let it send more (a full window), not when the outbox ran dry.
 */
class DrainLoopTest {
    @TempDir
    Path dir;

    /** Acknowledges every publish at once, except that the n-th publish of the first connection throws. */
    private static final class FlakyTransport implements MqttTransport {
        final List<String> published = new CopyOnWriteArrayList<>();
        final AtomicInteger connections = new AtomicInteger();
        final int failAt;

        FlakyTransport(int failAt) {
            this.failAt = failAt;
        }

        @Override
        public MqttSession connect(BrokerEndpoint broker, ConnectRequest request, LossListener onLoss) {
            int connection = connections.incrementAndGet();
            AtomicInteger count = new AtomicInteger();
            return new MqttSession() {
                private volatile boolean connected = true;

                @Override
                public int receiveMaximum() {
                    return 65_535;
                }

                @Override
                public boolean isConnected() {
                    return connected;
                }

                @Override
                public void publish(String topic, byte[] payload, boolean retained, PublishCallback callback)
                        throws UplinkException {
                    if (topic.equals(UplinkFixture.STATUS_TOPIC)) {
                        callback.acknowledged();
                        return;
                    }
                    if (connection == 1 && count.incrementAndGet() == failAt) {
                        connected = false;
                        throw new UplinkException("client is not connected", false, null);
                    }
                    published.add(new String(payload, StandardCharsets.US_ASCII).split("\\|", 3)[0] + "|"
                            + new String(payload, StandardCharsets.US_ASCII).split("\\|", 3)[1]);
                    callback.acknowledged();
                }

                @Override
                public void disconnect(String topic, byte[] lastRetained) {
                    connected = false;
                }

                @Override
                public void close() {
                    connected = false;
                }
            };
        }
    }

    @Test
    void aPublishFailingMidBatchReleasesTheRestOfTheBatchInOrder() {
        try (UplinkFixture fixture = new UplinkFixture(dir)) {
            OutboxEngine outbox = fixture.outbox();
            for (int i = 0; i < 30; i++) {
                store(outbox, "a", i);
            }
            FlakyTransport transport = new FlakyTransport(3);
            UplinkSettings settings = fixture.settings("ssl://localhost:8883").withWindow(10);
            fixture.track(new UplinkEngine(settings, outbox, fixture.identity, transport, () -> fixture.audit,
                    Clock.systemUTC(), new SplittableRandom()).start());

            await().atMost(Duration.ofSeconds(20)).until(() -> outbox.status().envelopes() == 0);
            assertThat(transport.connections.get()).isGreaterThanOrEqualTo(2);
            assertThat(outbox.inFlight()).isZero();
            List<Long> firstArrivals = new ArrayList<>();
            for (String sent : new LinkedHashSet<>(transport.published)) {
                firstArrivals.add(Long.parseLong(sent.split("\\|")[1]));
            }
            assertThat(firstArrivals).containsExactlyElementsOf(range(30));
        }
    }

    /** Holds every data publish's callback until the test answers it. */
    private static final class HoldingTransport implements MqttTransport {
        final java.util.concurrent.BlockingQueue<PublishCallback> unanswered = new java.util.concurrent.LinkedBlockingQueue<>();

        @Override
        public MqttSession connect(BrokerEndpoint broker, ConnectRequest request, LossListener onLoss) {
            return new MqttSession() {
                @Override
                public int receiveMaximum() {
                    return 65_535;
                }

                @Override
                public boolean isConnected() {
                    return true;
                }

                @Override
                public void publish(String topic, byte[] payload, boolean retained, PublishCallback callback) {
                    if (topic.equals(UplinkFixture.STATUS_TOPIC)) {
                        callback.acknowledged();
                    } else {
                        unanswered.add(callback);
                    }
                }

                @Override
                public void disconnect(String topic, byte[] lastRetained) {
                }

                @Override
                public void close() {
                }
            };
        }
    }

    @Test
    void aPubackWakesTheLoopOnlyWhenTheWindowWasFull() throws Exception {
        try (UplinkFixture fixture = new UplinkFixture(dir)) {
            OutboxEngine outbox = fixture.outbox();
            HoldingTransport transport = new HoldingTransport();
            // A window of three keeps one place for alarms: two reading envelopes fill it.
            UplinkEngine uplink = fixture.track(new UplinkEngine(fixture.settings("ssl://localhost:8883").withWindow(3),
                    outbox, fixture.identity, transport, () -> fixture.audit, Clock.systemUTC(),
                    new SplittableRandom()).start());
            store(outbox, "a", 0);
            store(outbox, "a", 1);
            MqttTransport.PublishCallback first = transport.unanswered.poll(30, java.util.concurrent.TimeUnit.SECONDS);
            MqttTransport.PublishCallback second = transport.unanswered.poll(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(second).isNotNull();
            assertThat(uplink.waitsForStore()).as("the window is full: a PUBACK may let more go").isFalse();
            long wakes = uplink.ackWakeUps();
            first.acknowledged();
            assertThat(uplink.ackWakeUps()).isEqualTo(wakes + 1);
            // Woken, the loop finds the outbox dry and waits for a store: the next PUBACK does not wake it.
            await().atMost(Duration.ofSeconds(30)).until(uplink::waitsForStore);
            second.acknowledged();
            assertThat(uplink.ackWakeUps()).as("a PUBACK that cannot let anything more go").isEqualTo(wakes + 1);
            store(outbox, "a", 2); // a store still wakes it
            assertThat(transport.unanswered.poll(30, java.util.concurrent.TimeUnit.SECONDS)).isNotNull();
            await().atMost(Duration.ofSeconds(30)).until(() -> outbox.inFlight() == 1);
        }
    }
}
