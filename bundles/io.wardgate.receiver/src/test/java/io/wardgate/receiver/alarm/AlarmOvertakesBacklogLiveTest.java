package io.wardgate.receiver.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.api.Alarm;
import io.wardgate.receiver.JsonLinesSink;
import io.wardgate.receiver.Receiver;
import io.wardgate.receiver.WindowDeduplicator;
import io.wardgate.seal.envelope.OpenResult;
import io.wardgate.testkit.TestSubscriber;
import io.wardgate.testkit.TestTls;
import io.wardgate.uplink.UplinkEngine;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seal -> outbox (SQLite) -> uplink (MQTT over mutual TLS) -> real broker (testkit Brokers) -> receiver:
 * a backlog of reading envelopes piles up while no uplink runs; the uplink starts draining it; an alarm
 * raised during the drain overtakes what is left of the backlog and the receiver writes it as a JSON
 * line (issue 17 item 3).
 */
class AlarmOvertakesBacklogLiveTest {
    private static final int BACKLOG = 2000;

    @TempDir
    Path dir;

    @Test
    void anAlarmRaisedDuringABacklogDrainOvertakesTheBacklog() throws Exception {
        try (SealingGateway gateway = new SealingGateway(dir);
                // One session for both on purpose (readings on six levels, alarms on seven, not the status
                // on five): this test is about the order in which the gateway sends, not the receiver's sessions.
                TestSubscriber backend = TestSubscriber.connect(gateway.broker.url(), "backend-receiver",
                        TestTls.context(gateway.pki.client("backend-receiver"), gateway.pki.caCertificate()),
                        "wardgate/+/+/+/+/+/#")) {
            // The outage: one reading per envelope, all stored, none sent.
            for (int i = 0; i < BACKLOG; i++) {
                gateway.reading(i);
            }
            gateway.sealer.flushNow();
            assertThat(gateway.outbox.status().envelopes()).isEqualTo(BACKLOG);

            // The uplink comes back with a small in-flight window, so the drain takes a while.
            try (UplinkEngine uplink = gateway.uplink(1)) {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                        .until(() -> backend.received().size() >= 20);
                Alarm alarm = gateway.alarm();
                int sentBeforeAlarm = backend.received().size();
                assertThat(sentBeforeAlarm).as("the alarm must be raised while most of the backlog waits")
                        .isLessThan(BACKLOG / 2);

                await().atMost(Duration.ofSeconds(120)).until(() -> backend.received().size() >= BACKLOG + 1);
                List<TestSubscriber.Received> received = backend.received();

                // The receiver opens them in arrival order and writes JSON lines. Its default window (1024) is
                // smaller than the backlog: the alarm's own sequence stream keeps the backlog from going STALE.
                StringWriter out = new StringWriter();
                Receiver receiver = SealingGateway.receiver(new WindowDeduplicator(1024, 1000),
                        List.of(new JsonLinesSink(out)));
                int alarmAt = -1;
                for (int i = 0; i < received.size(); i++) {
                    OpenResult result = receiver.receive(received.get(i).topic(), received.get(i).payload());
                    if (result instanceof OpenResult.Opened opened && !opened.batch().alarms().isEmpty()) {
                        assertThat(opened.batch().alarms()).containsExactly(alarm);
                        alarmAt = i;
                    }
                }
                assertThat(alarmAt).as("the alarm arrived").isNotNegative();
                // Between the raise and the alarm's arrival only what was in flight, or published while the alarm
                // was being sealed and stored, may go out: far fewer than the backlog left behind it.
                int backlogAfterAlarm = received.size() - 1 - alarmAt;
                assertThat(alarmAt - sentBeforeAlarm).as("backlog envelopes sent between the raise and the alarm")
                        .isLessThan(300);
                assertThat(backlogAfterAlarm).as("backlog envelopes that arrived after the alarm")
                        .isGreaterThan(BACKLOG - sentBeforeAlarm - 300);
                assertThat(out.toString().lines().filter(line -> line.contains("\"kind\":\"alarm\"")))
                        .singleElement().asString().contains("\"text\":\"HR HIGH\"", "\"state\":\"active\"");
                assertThat(out.toString().lines()).hasSize(BACKLOG + 1);
            }
        }
    }
}
