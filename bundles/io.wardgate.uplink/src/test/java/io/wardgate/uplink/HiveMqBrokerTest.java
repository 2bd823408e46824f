package io.wardgate.uplink;

import static io.wardgate.uplink.UplinkFixture.firstArrivals;
import static io.wardgate.uplink.UplinkFixture.range;
import static io.wardgate.uplink.UplinkFixture.store;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.outbox.OutboxEngine;
import io.wardgate.testkit.BrokerSetup;
import io.wardgate.testkit.HiveMqBroker;
import io.wardgate.testkit.TestGatewayIdentity;
import io.wardgate.testkit.TestPki;
import io.wardgate.testkit.TestSubscriber;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded HiveMQ fallback runs on every machine, so the suite's fallback does not rot where
 * mosquitto is installed: client certificates required, publish and acknowledge, a foreign CA refused.
 */
class HiveMqBrokerTest {
    @TempDir
    Path dir;

    @Test
    void hiveMqRequiresAClientCertificateFromTheConfiguredCaAndAcknowledges() {
        try (UplinkFixture fixture = new UplinkFixture(dir)) {
            HiveMqBroker broker = fixture.track(new HiveMqBroker(BrokerSetup.of(dir.resolve("hivemq"), fixture.pki)));
            broker.start();
            TestSubscriber backend = fixture.subscriber(broker);
            OutboxEngine outbox = fixture.outbox();
            for (int i = 0; i < 20; i++) {
                store(outbox, "a", i);
            }
            UplinkEngine uplink = fixture.uplink(fixture.settings(broker.url()), outbox);
            await().atMost(Duration.ofSeconds(30)).until(() -> outbox.status().envelopes() == 0);
            await().atMost(Duration.ofSeconds(10)).until(() -> firstArrivals(backend.received()).getOrDefault("a",
                    java.util.List.of()).size() == 20);
            assertThat(firstArrivals(backend.received()).get("a")).containsExactlyElementsOf(range(20));
            assertThat(uplink.status().acknowledged()).isGreaterThanOrEqualTo(20);
            assertThat(broker.log()).contains("admitted " + UplinkFixture.GATEWAY);

            OutboxEngine other = fixture.track(new OutboxEngine(
                    io.wardgate.outbox.OutboxSettings.defaults(dir.resolve("other.db")), Clock.systemUTC(), () -> null));
            store(other, "b", 0);
            UplinkEngine impostor = fixture.track(new UplinkEngine(fixture.settings(broker.url()), other,
                    TestGatewayIdentity.issue(TestPki.create("Foreign CA"), "wg-impostor"), new PahoTransport(),
                    () -> null, Clock.systemUTC(), new SplittableRandom()).start());
            await().atMost(Duration.ofSeconds(20)).until(() -> !impostor.status().lastError().isEmpty());
            assertThat(impostor.status().connected()).isFalse();
            assertThat(other.status().envelopes()).isEqualTo(1);
            assertThat(broker.log()).doesNotContain("wg-impostor");
        }
    }
}
