package io.wardgate.receiver.alarm;

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
import io.wardgate.receiver.JsonLinesSink;
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
import io.wardgate.testkit.TestSubscriber;
import io.wardgate.testkit.TestTls;
import io.wardgate.uplink.BrokerEndpoint;
import io.wardgate.uplink.UplinkEngine;
import io.wardgate.uplink.UplinkSettings;
import java.io.StringWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seal -> outbox (SQLite) -> uplink (MQTT over mutual TLS) -> real broker (testkit Brokers) -> receiver:
 * a backlog of reading envelopes piles up while no uplink runs; the uplink starts draining it; an alarm
 * raised during the drain overtakes what is left of the backlog and the receiver writes it as a JSON
 * line (issue 17 item 3).
 */
class AlarmOvertakesBacklogLiveTest {
    private static final String GATEWAY = "wg-test-0001";
    private static final Location BED = new Location("site-a", "ward-3", "bed-7");
    private static final Route ROUTE = new Route("icu", "vitals", "backend-test", 5);
    private static final DeviceIdentity MONITOR = DeviceIdentity.at(Transport.SERIAL, "/dev/wardgate/bed-7");
    private static final int BACKLOG = 2000;

    @TempDir
    Path dir;

    @Test
    void anAlarmRaisedDuringABacklogDrainOvertakesTheBacklog() throws Exception {
        TestPki pki = TestPki.create("WardGate test hospital CA");
        RecordingAuditTrail audit = new RecordingAuditTrail();
        SecureRandom random = new SecureRandom();
        try (MqttBroker broker = Brokers.start(BrokerSetup.of(dir.resolve("broker"), pki));
                OutboxEngine outbox = new OutboxEngine(OutboxSettings.defaults(dir.resolve("outbox.db")),
                        Clock.systemUTC(), () -> audit);
                BatchingSealer sealer = new BatchingSealer(new SealerSettings(1, 60_000,
                        ContentAlgorithm.CHACHA20_POLY1305, 10_000), TestSealingKeys.of(GATEWAY), outbox,
                        new EnvelopeSealer(Randomness.secure(random), Es256Signer.randomized(random)), 1,
                        Clock.systemUTC(), Optional::empty);
                TestSubscriber backend = TestSubscriber.connect(broker.url(), "backend-receiver",
                        // One session for both on purpose (readings on six levels, alarms on seven, not the status
                        // on five): this test is about the order in which the gateway sends, not the receiver's sessions.
                        TestTls.context(pki.client("backend-receiver"), pki.caCertificate()), "wardgate/+/+/+/+/+/#")) {
            // The outage: one reading per envelope, all stored, none sent.
            for (int i = 0; i < BACKLOG; i++) {
                sealer.seal(new AdmittedReadings(new DeviceReadings(MONITOR, BED, List.of(Observation.of(
                        VitalSign.HEART_RATE, Decimal.ofInteger(60 + i % 40), Set.of(), Instant.now()))), ROUTE));
            }
            sealer.flushNow();
            assertThat(outbox.status().envelopes()).isEqualTo(BACKLOG);

            // The uplink comes back with a small in-flight window, so the drain takes a while.
            UplinkSettings settings = UplinkSettings.of(List.of(BrokerEndpoint.parse(broker.url())), BED.site(),
                    BED.ward(), pki.writeCaPem(dir.resolve("trust-anchors.pem")))
                    .withTiming(Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofSeconds(1)).withWindow(1);
            try (UplinkEngine uplink = UplinkEngine.create(settings, outbox, TestGatewayIdentity.issue(pki, GATEWAY),
                    () -> audit).start()) {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                        .until(() -> backend.received().size() >= 20);
                Alarm alarm = new Alarm(VitalSign.HEART_RATE.metric(), "datex:test", "HR HIGH", AlarmPriority.HIGH,
                        AlarmState.ACTIVE, null, Instant.now());
                sealer.seal(new AdmittedAlarms(new DeviceAlarms(MONITOR, BED, List.of(alarm)), ROUTE));
                int sentBeforeAlarm = backend.received().size();
                assertThat(sentBeforeAlarm).as("the alarm must be raised while most of the backlog waits")
                        .isLessThan(BACKLOG / 2);

                await().atMost(Duration.ofSeconds(120)).until(() -> backend.received().size() >= BACKLOG + 1);
                List<TestSubscriber.Received> received = backend.received();

                // The receiver opens them in arrival order and writes JSON lines. Its default window (1024) is
                // smaller than the backlog: the alarm's own sequence stream keeps the backlog from going STALE.
                StringWriter out = new StringWriter();
                Receiver receiver = new Receiver(new EnvelopeOpener(Map.of("backend-test", TestKeys.backend()
                        .getPrivate()), TestKeys.trusting(TestKeys.gateway().getPublic())),
                        new WindowDeduplicator(1024, 1000), List.of(new JsonLinesSink(out)));
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
