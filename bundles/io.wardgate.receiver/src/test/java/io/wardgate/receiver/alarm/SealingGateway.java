package io.wardgate.receiver.alarm;

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

/**
 * The gateway side of the receiver's live tests, all real: a test PKI, the testkit's broker (mutual TLS), a
 * SQLite outbox, the batching sealer (one reading per envelope) and, on demand, the uplink. One bedside monitor.
 */
public final class SealingGateway implements AutoCloseable {
    public static final String GATEWAY = "wg-test-0001";
    public static final Location BED = new Location("site-a", "ward-3", "bed-7");
    public static final Route ROUTE = new Route("icu", "vitals", "backend-test", 5);
    public static final DeviceIdentity MONITOR = DeviceIdentity.at(Transport.SERIAL, "/dev/wardgate/bed-7");

    public final TestPki pki = TestPki.create("WardGate test hospital CA");
    public final RecordingAuditTrail audit = new RecordingAuditTrail();
    public final MqttBroker broker;
    public final OutboxEngine outbox;
    public final BatchingSealer sealer;
    private final Path dir;
    /** Added to the outbox's monotonic clock: an outage passes without the test waiting for it. */
    private final java.util.concurrent.atomic.AtomicLong outage = new java.util.concurrent.atomic.AtomicLong();

    public SealingGateway(Path dir) throws Exception {
        this.dir = dir;
        SecureRandom random = new SecureRandom();
        this.broker = Brokers.start(BrokerSetup.of(dir.resolve("broker"), pki));
        this.outbox = new OutboxEngine(OutboxSettings.defaults(dir.resolve("outbox.db")), Clock.systemUTC(),
                () -> System.nanoTime() + outage.get(), () -> audit);
        this.sealer = new BatchingSealer(new SealerSettings(1, 60_000, ContentAlgorithm.CHACHA20_POLY1305, 10_000),
                TestSealingKeys.of(GATEWAY), outbox,
                new EnvelopeSealer(Randomness.secure(random), Es256Signer.randomized(random)), 1, Clock.systemUTC(),
                Optional::empty);
    }

    /** Lets {@code length} pass for the outbox (what it stored before is then backlog, not recent data). */
    public void outage(Duration length) {
        outage.addAndGet(length.toNanos());
    }

    /** Seals one heart rate of the monitor (value from {@code i}). */
    public void reading(int i) {
        sealer.seal(new AdmittedReadings(new DeviceReadings(MONITOR, BED, List.of(Observation.of(
                VitalSign.HEART_RATE, Decimal.ofInteger(60 + i % 40), Set.of(), Instant.now()))), ROUTE));
    }

    /** Seals one alarm of the monitor and returns it. */
    public Alarm alarm() {
        Alarm alarm = new Alarm(VitalSign.HEART_RATE.metric(), "datex:test", "HR HIGH", AlarmPriority.HIGH,
                AlarmState.ACTIVE, null, Instant.now());
        sealer.seal(new AdmittedAlarms(new DeviceAlarms(MONITOR, BED, List.of(alarm)), ROUTE));
        return alarm;
    }

    /** The uplink to the broker, started, with this in-flight window. */
    public UplinkEngine uplink(int window) throws Exception {
        UplinkSettings settings = UplinkSettings.of(List.of(BrokerEndpoint.parse(broker.url())), BED.site(),
                BED.ward(), pki.writeCaPem(dir.resolve("trust-anchors.pem")))
                .withTiming(Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofSeconds(1)).withWindow(window);
        return UplinkEngine.create(settings, outbox, TestGatewayIdentity.issue(pki, GATEWAY), () -> audit).start();
    }

    /** A receiver core that opens this gateway's envelopes, with this de-duplication. */
    public static Receiver receiver(WindowDeduplicator dedup, List<io.wardgate.receiver.ReadingSink> sinks) {
        return new Receiver(new EnvelopeOpener(Map.of("backend-test", TestKeys.backend().getPrivate()),
                TestKeys.trusting(TestKeys.gateway().getPublic())), dedup, sinks);
    }

    @Override
    public void close() throws Exception {
        sealer.close();
        outbox.close();
        broker.close();
    }
}
