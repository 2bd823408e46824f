package io.wardgate.receiver.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.receiver.Receiver;
import io.wardgate.receiver.WindowDeduplicator;
import io.wardgate.receiver.alarm.SealingGateway;
import io.wardgate.seal.envelope.OpenResult;
import io.wardgate.seal.envelope.Topics;
import io.wardgate.testkit.Issued;
import io.wardgate.uplink.UplinkEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 item 3, downstream of the gateway: while the receiver is away, the broker queues a backlog of
 * readings for its persistent session, and then an alarm. A broker hands one session its queue in arrival
 * order, so with one session the alarm would come last. The gateway publishes alarm streams under their own
 * topic level and the receiver reads them through a session of their own: when the receiver comes back the
 * alarm arrives ahead of the backlog, the backlog still arrives whole, in order, once each.
 * Real parts: seal, SQLite outbox, uplink over mutual TLS, the testkit's broker, PahoSubscriber, Receiver.
 */
class AlarmSessionLiveTest {
    private static final char[] PASSWORD = "test-only".toCharArray();
    private static final int BACKLOG = 2000;

    @TempDir
    Path dir;

    private record Arrival(String topic, OpenResult result) {
    }

    @Test
    void anAlarmQueuedAtTheBrokerAfterAReadingsBacklogReachesTheReceiverAheadOfIt() throws Exception {
        int alarmAt = alarmPositionAfterAnAbsence(PahoSubscriber.ENVELOPE_FILTER, 2);
        // With one session the alarm would be the last of BACKLOG + 1; through its own it is among the first.
        assertThat(alarmAt).as("position of the alarm among the arrivals").isBetween(0, BACKLOG / 4);
    }

    @Test
    void throughOneSessionTheSameAlarmWouldComeAfterTheWholeBacklog() throws Exception {
        // The premise of the design, shown on the same broker: a filter that takes in the alarm topics gets
        // no alarm session, and the broker hands the one session its queue in arrival order.
        assertThat(alarmPositionAfterAnAbsence("wardgate/+/+/+/+/+/#", 1)).isEqualTo(BACKLOG);
    }

    private int alarmPositionAfterAnAbsence(String filter, int sessions) throws Exception {
        List<Arrival> arrivals = new CopyOnWriteArrayList<>();
        Receiver receiver = SealingGateway.receiver(new WindowDeduplicator(4096, 1000), List.of());
        try (SealingGateway gateway = new SealingGateway(dir)) {
            Issued backend = gateway.pki.client("backend-receiver");
            PahoSubscriber.Settings settings = new PahoSubscriber.Settings(gateway.broker.url(), "backend-receiver-1",
                    filter, "", TlsContexts.socketFactory(backend.writePkcs12(dir.resolve("backend.p12"), PASSWORD),
                            PASSWORD, gateway.pki.writeCaPem(dir.resolve("ca.pem"))));
            // The receiver's sessions exist on the broker, then the receiver goes away.
            try (PahoSubscriber first = new PahoSubscriber(settings)) {
                first.start((topic, payload) -> arrivals.add(new Arrival(topic, receiver.receive(topic, payload))));
                assertThat(first.clientIds()).hasSize(sessions).last().isEqualTo("backend-receiver-1");
            }
            // Stored before the uplink connects: one backlog, sent in order (nothing of it is live data).
            for (int i = 0; i < BACKLOG; i++) {
                gateway.reading(i);
            }
            gateway.sealer.flushNow();
            gateway.outage(Duration.ofMinutes(2)); // older than the outbox's live bound: all of it is backlog
            try (UplinkEngine uplink = gateway.uplink(16)) {
                // Every reading is acknowledged by the broker (queued for the absent receiver) before the alarm.
                await().atMost(Duration.ofSeconds(120)).until(() -> gateway.outbox.status().envelopes() == 0);
                gateway.alarm();
                gateway.sealer.flushNow();
                await().atMost(Duration.ofSeconds(60)).until(() -> gateway.outbox.status().envelopes() == 0);
            }
            assertThat(arrivals).as("nothing reached the absent receiver").isEmpty();

            try (PahoSubscriber again = new PahoSubscriber(settings)) {
                again.start((topic, payload) -> arrivals.add(new Arrival(topic, receiver.receive(topic, payload))));
                await().atMost(Duration.ofSeconds(120)).until(() -> arrivals.size() >= BACKLOG + 1);
            }
        }
        int alarmAt = -1;
        long previous = -1;
        int readings = 0;
        for (int i = 0; i < arrivals.size(); i++) {
            Arrival arrival = arrivals.get(i);
            assertThat(arrival.result()).as("arrival %d on %s", i, arrival.topic()).isInstanceOf(OpenResult.Opened.class);
            OpenResult.Opened opened = (OpenResult.Opened) arrival.result();
            if (!opened.batch().alarms().isEmpty()) {
                alarmAt = i;
                assertThat(arrival.topic()).isEqualTo("wardgate/site-a/ward-3/" + SealingGateway.GATEWAY
                        + "/alarms/vitals/" + Topics.escape(SealingGateway.MONITOR.id() + "#alarms"));
            } else {
                assertThat(opened.tags().sequence()).as("the backlog in order").isGreaterThan(previous);
                previous = opened.tags().sequence();
                readings++;
            }
        }
        assertThat(readings).as("every reading once").isEqualTo(BACKLOG);
        return alarmAt;
    }
}
