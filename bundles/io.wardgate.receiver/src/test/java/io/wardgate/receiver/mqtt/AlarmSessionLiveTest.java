package io.wardgate.receiver.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.api.Alarm;
import io.wardgate.api.AlarmPriority;
import io.wardgate.api.AlarmState;
import io.wardgate.api.Decimal;
import io.wardgate.api.DeviceAlarms;
import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.DeviceReadings;
import io.wardgate.api.Location;
import io.wardgate.api.Observation;
import io.wardgate.api.Transport;
import io.wardgate.api.VitalSign;
import io.wardgate.api.pipeline.AdmittedAlarms;
import io.wardgate.api.pipeline.AdmittedReadings;
import io.wardgate.api.pipeline.Route;
import io.wardgate.outbox.OutboxEngine;
import io.wardgate.outbox.OutboxSettings;
import io.wardgate.receiver.Receiver;
import io.wardgate.receiver.WindowDeduplicator;
import io.wardgate.seal.envelope.ContentAlgorithm;
import io.wardgate.seal.envelope.EnvelopeOpener;
import io.wardgate.seal.envelope.EnvelopeSealer;
import io.wardgate.seal.envelope.Es256Signer;
import io.wardgate.seal.envelope.OpenResult;
import io.wardgate.seal.envelope.Randomness;
import io.wardgate.seal.envelope.TestKeys;
import io.wardgate.seal.sealer.BatchingSealer;
import io.wardgate.seal.sealer.SealerSettings;
import io.wardgate.seal.sealer.TestSealingKeys;
import io.wardgate.testkit.BrokerSetup;
import io.wardgate.testkit.Brokers;
import io.wardgate.testkit.MqttBroker;
import io.wardgate.testkit.RecordingAuditTrail;
import io.wardgate.testkit.TestGatewayIdentity;
import io.wardgate.testkit.TestPki;
import io.wardgate.testkit.Issued;
import io.wardgate.uplink.BrokerEndpoint;
import io.wardgate.uplink.UplinkEngine;
import io.wardgate.uplink.UplinkSettings;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    private static final String GATEWAY = "wg-test-0001";
    private static final Location BED = new Location("site-a", "ward-3", "bed-7");
    private static final Route ROUTE = new Route("icu", "vitals", "backend-test", 5);
    private static final DeviceIdentity MONITOR = DeviceIdentity.at(Transport.SERIAL, "/dev/wardgate/bed-7");
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
        TestPki pki = TestPki.create("WardGate test hospital CA");
        Issued backend = pki.client("backend-receiver");
        RecordingAuditTrail audit = new RecordingAuditTrail();
        SecureRandom random = new SecureRandom();
        List<Arrival> arrivals = new CopyOnWriteArrayList<>();
        Receiver receiver = new Receiver(new EnvelopeOpener(Map.of("backend-test", TestKeys.backend().getPrivate()),
                TestKeys.trusting(TestKeys.gateway().getPublic())), new WindowDeduplicator(4096, 1000), List.of());
        try (MqttBroker broker = Brokers.start(BrokerSetup.of(dir.resolve("broker"), pki));
                OutboxEngine outbox = new OutboxEngine(OutboxSettings.defaults(dir.resolve("outbox.db")),
                        Clock.systemUTC(), () -> audit);
                BatchingSealer sealer = new BatchingSealer(new SealerSettings(1, 60_000,
                        ContentAlgorithm.CHACHA20_POLY1305, 10_000), TestSealingKeys.of(GATEWAY), outbox,
                        new EnvelopeSealer(Randomness.secure(random), Es256Signer.randomized(random)), 1,
                        Clock.systemUTC(), Optional::empty)) {
            PahoSubscriber.Settings settings = new PahoSubscriber.Settings(broker.url(), "backend-receiver-1",
                    filter, "", TlsContexts.socketFactory(
                            backend.writePkcs12(dir.resolve("backend.p12"), PASSWORD), PASSWORD,
                            pki.writeCaPem(dir.resolve("ca.pem"))));
            // The receiver's sessions exist on the broker, then the receiver goes away.
            try (PahoSubscriber first = new PahoSubscriber(settings)) {
                first.start((topic, payload) -> arrivals.add(new Arrival(topic, receiver.receive(topic, payload))));
                assertThat(first.clientIds()).hasSize(sessions).last().isEqualTo("backend-receiver-1");
            }

            UplinkSettings uplinkSettings = UplinkSettings.of(List.of(BrokerEndpoint.parse(broker.url())), BED.site(),
                    BED.ward(), pki.writeCaPem(dir.resolve("trust-anchors.pem")))
                    .withTiming(Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofSeconds(1));
            try (UplinkEngine uplink = UplinkEngine.create(uplinkSettings, outbox,
                    TestGatewayIdentity.issue(pki, GATEWAY), () -> audit).start()) {
                for (int i = 0; i < BACKLOG; i++) {
                    sealer.seal(new AdmittedReadings(new DeviceReadings(MONITOR, BED, List.of(Observation.of(
                            VitalSign.HEART_RATE, Decimal.ofInteger(60 + i % 40), Set.of(), Instant.now()))), ROUTE));
                }
                sealer.flushNow();
                // Every reading is acknowledged by the broker (queued for the absent receiver) before the alarm.
                await().atMost(Duration.ofSeconds(120)).until(() -> outbox.status().envelopes() == 0);
                Alarm alarm = new Alarm(VitalSign.HEART_RATE.metric(), "datex:test", "HR HIGH", AlarmPriority.HIGH,
                        AlarmState.ACTIVE, null, Instant.now());
                sealer.seal(new AdmittedAlarms(new DeviceAlarms(MONITOR, BED, List.of(alarm)), ROUTE));
                sealer.flushNow();
                await().atMost(Duration.ofSeconds(60)).until(() -> outbox.status().envelopes() == 0);
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
                assertThat(arrival.topic()).isEqualTo("wardgate/site-a/ward-3/" + GATEWAY + "/alarms/vitals/"
                        + io.wardgate.seal.envelope.Topics.escape(MONITOR.id() + "#alarms"));
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
