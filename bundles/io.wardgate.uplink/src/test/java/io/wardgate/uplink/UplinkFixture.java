package io.wardgate.uplink;

import io.wardgate.api.pipeline.EnvelopeTags;
import io.wardgate.api.pipeline.SealedEnvelope;
import io.wardgate.api.pipeline.StoreOutcome;
import io.wardgate.outbox.OutboxEngine;
import io.wardgate.outbox.OutboxSettings;
import io.wardgate.testkit.BrokerSetup;
import io.wardgate.testkit.Brokers;
import io.wardgate.testkit.MqttBroker;
import io.wardgate.testkit.RecordingAuditTrail;
import io.wardgate.testkit.TestGatewayIdentity;
import io.wardgate.testkit.TestPki;
import io.wardgate.testkit.TestSubscriber;
import io.wardgate.testkit.TestTls;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** A gateway (outbox + uplink) against a real broker, with a backend subscriber; closes everything it opened. */
final class UplinkFixture implements AutoCloseable {
    static final String GATEWAY = "wg-test-0001";
    static final String SITE = "site-a";
    static final String WARD = "ward-3";
    static final String DATA_TOPIC = "wardgate/" + SITE + "/" + WARD + "/" + GATEWAY + "/data/vitals";
    /** Where the alarm streams of DATA_TOPIC are published (TopicScheme#publishTopic). */
    static final String ALARM_TOPIC = "wardgate/" + SITE + "/" + WARD + "/" + GATEWAY + "/alarms/data/vitals";
    static final String STATUS_TOPIC = "wardgate/" + SITE + "/" + WARD + "/" + GATEWAY + "/status";

    final Path dir;
    final TestPki pki = TestPki.create("WardGate test hospital CA");
    final TestGatewayIdentity identity = TestGatewayIdentity.issue(pki, GATEWAY);
    final RecordingAuditTrail audit = new RecordingAuditTrail();
    final Path trustAnchors;
    private final List<AutoCloseable> opened = new ArrayList<>();

    UplinkFixture(Path dir) {
        this.dir = dir;
        this.trustAnchors = pki.writeCaPem(dir.resolve("trust-anchors.pem"));
    }

    MqttBroker broker() {
        return broker(BrokerSetup.of(dir.resolve("broker-" + opened.size()), pki));
    }

    MqttBroker broker(BrokerSetup setup) {
        return track(Brokers.start(setup));
    }

    /** Debian's mosquitto set up as {@code setup}, started (for settings only mosquitto has). */
    MqttBroker mosquitto(BrokerSetup setup) {
        MqttBroker broker = track(new io.wardgate.testkit.MosquittoBroker(setup));
        broker.start();
        return broker;
    }

    OutboxEngine outbox() {
        return track(new OutboxEngine(OutboxSettings.defaults(dir.resolve("outbox.db")), Clock.systemUTC(), () -> audit));
    }

    /** Fast test timing: keep-alive 5 s, backoff 100 ms to 1 s, idle poll 100 ms. */
    UplinkSettings settings(String... urls) {
        List<BrokerEndpoint> brokers = java.util.Arrays.stream(urls).map(BrokerEndpoint::parse).toList();
        return UplinkSettings.of(brokers, SITE, WARD, trustAnchors)
                .withTiming(Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofSeconds(1));
    }

    UplinkEngine uplink(UplinkSettings settings, OutboxEngine outbox) {
        return track(new UplinkEngine(settings, outbox, identity, new PahoTransport(), () -> audit, Clock.systemUTC(),
                new SplittableRandom()).start());
    }

    TestSubscriber subscriber(MqttBroker broker) {
        return track(TestSubscriber.connect(broker.url(), "backend-receiver",
                TestTls.context(pki.client("backend-receiver"), pki.caCertificate()), "wardgate/#"));
    }

    <T extends AutoCloseable> T track(T resource) {
        opened.add(resource);
        return resource;
    }

    static SealedEnvelope envelope(String device, long sequence) {
        byte[] bytes = (device + "|" + sequence + "|").repeat(8).getBytes(StandardCharsets.US_ASCII);
        return new SealedEnvelope(new EnvelopeTags(GATEWAY, device, 1, sequence, Instant.now(), DATA_TOPIC, 5, 1), bytes);
    }

    static void store(OutboxEngine outbox, String device, long sequence) {
        StoreOutcome outcome = outbox.store(envelope(device, sequence));
        if (outcome != StoreOutcome.STORED) {
            throw new AssertionError("store failed: " + outcome);
        }
    }

    /** Per device, the sequence numbers in order of first arrival (duplicates of at-least-once dropped). */
    /**
     * How many runs a device's arrivals make: each run a range of sequence numbers that arrived in order. After a
     * reconnect the outbox sends live envelopes ahead of the backlog (Outbox#uplinkConnected), so one reconnect
     * makes at most one more run; in order throughout is one run.
     */
    static int orderedRuns(List<Long> arrivals) {
        Map<Long, Integer> position = new java.util.HashMap<>();
        for (int i = 0; i < arrivals.size(); i++) {
            position.put(arrivals.get(i), i);
        }
        List<Long> values = arrivals.stream().sorted().toList();
        int runs = values.isEmpty() ? 0 : 1;
        for (int i = 1; i < values.size(); i++) {
            if (position.get(values.get(i)) < position.get(values.get(i - 1))) {
                runs++;
            }
        }
        return runs;
    }

    static Map<String, List<Long>> firstArrivals(List<TestSubscriber.Received> received) {
        Map<String, LinkedHashSet<Long>> seen = new LinkedHashMap<>();
        for (TestSubscriber.Received message : received) {
            if (!message.topic().equals(DATA_TOPIC) && !message.topic().equals(ALARM_TOPIC)) {
                continue;
            }
            String[] parts = message.text().split("\\|");
            seen.computeIfAbsent(parts[0], d -> new LinkedHashSet<>()).add(Long.parseLong(parts[1]));
        }
        Map<String, List<Long>> result = new LinkedHashMap<>();
        seen.forEach((device, seqs) -> result.put(device, List.copyOf(seqs)));
        return result;
    }

    static List<Long> range(long count) {
        List<Long> all = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            all.add(i);
        }
        return all;
    }

    @Override
    public void close() {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                // closing test resources: keep closing the rest
            }
        }
    }
}
