package io.wardgate.uplink;

import static io.wardgate.uplink.UplinkFixture.store;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.outbox.OutboxEngine;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** R4: a broker that never sends PUBACK gets a bounded window of messages and the outbox loses nothing. */
class NoPubackTest {
    private static final int WINDOW = 4;

    @TempDir
    Path dir;

    @Test
    void withoutPubackNothingLeavesTheOutboxAndTheWindowStaysBounded() throws Exception {
        try (UplinkFixture fixture = new UplinkFixture(dir);
                FakeBrokerWithoutPuback broker = new FakeBrokerWithoutPuback(fixture.pki.server("broker"),
                        fixture.pki.caCertificate())) {
            OutboxEngine outbox = fixture.outbox();
            for (int i = 0; i < 20; i++) {
                store(outbox, "a", i);
                store(outbox, "b", i);
            }
            UplinkEngine uplink = fixture.uplink(fixture.settings(broker.url()).withWindow(WINDOW), outbox);

            // readings take the window but for the places kept for alarms
            int readings = WINDOW - UplinkEngine.alarmReserve(WINDOW);
            await().atMost(Duration.ofSeconds(20)).until(() -> dataPublishes(broker) == readings);
            // Give it every chance to send more or to drop something: the idle loop runs many times over.
            await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
            assertThat(dataPublishes(broker)).isEqualTo(readings);
            assertThat(uplink.inFlight()).isEqualTo(readings);
            assertThat(outbox.inFlight()).isEqualTo(readings);
            assertThat(uplink.status().acknowledged()).isZero();
            assertThat(outbox.status().envelopes()).isEqualTo(40);

            // The connection dies without an acknowledgement: in-flight envelopes go back, none is lost.
            broker.close();
            await().atMost(Duration.ofSeconds(20)).until(() -> !uplink.status().connected());
            await().atMost(Duration.ofSeconds(10)).until(() -> outbox.inFlight() == 0);
            assertThat(outbox.status().envelopes()).isEqualTo(40);
            assertThat(outbox.next(100)).hasSize(40);
        }
    }

    @Test
    void aPubackWithAnErrorReasonRemovesNothing() throws Exception {
        try (UplinkFixture fixture = new UplinkFixture(dir);
                FakeBrokerWithoutPuback broker = new FakeBrokerWithoutPuback(fixture.pki.server("broker"),
                        fixture.pki.caCertificate())) {
            broker.refuseWith(0x87); // "not authorized"
            OutboxEngine outbox = fixture.outbox();
            for (int i = 0; i < 5; i++) {
                store(outbox, "a", i);
            }
            UplinkEngine uplink = fixture.uplink(fixture.settings(broker.url()).withWindow(WINDOW), outbox);

            await().atMost(Duration.ofSeconds(20)).until(() -> dataPublishes(broker) >= 5);
            await().atMost(Duration.ofSeconds(10)).until(() -> uplink.status().lastError().contains("0x87"));
            assertThat(uplink.status().acknowledged()).isZero();
            assertThat(outbox.status().envelopes()).isEqualTo(5);
            assertThat(fixture.audit.withAction("UPLINK_PUBLISH_REFUSED")).isNotEmpty();
            // Held, not re-sent in a loop on the same connection.
            await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> true);
            assertThat(dataPublishes(broker)).isEqualTo(5);
        }
    }

    private static long dataPublishes(FakeBrokerWithoutPuback broker) {
        return broker.publishedTopics().stream().filter(UplinkFixture.DATA_TOPIC::equals).count();
    }
}
