package io.wardgate.uplink;

import static io.wardgate.uplink.UplinkFixture.store;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.outbox.OutboxEngine;
import io.wardgate.testkit.MqttBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a test: benchmarks/reconnect.sh runs it. With the production defaults (backoff 1 s to 60 s, probe
 * 1 s unless -Dwardgate.bench.probe says otherwise) the broker goes down for each outage length, comes
 * back, and the time from its port accepting again to the uplink's new session is recorded. Figures go
 * to target/reconnect-benchmark.txt; the only assertions are that it reconnects and nothing is lost.
 */
@EnabledIfSystemProperty(named = "wardgate.bench.reconnect", matches = "[0-9,]+")
class ReconnectTimeBenchmark {
    @TempDir
    Path dir;

    @Test
    void reconnectTimeAfterOutagesOfDifferentLengths() throws IOException {
        int[] outages = Arrays.stream(System.getProperty("wardgate.bench.reconnect").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int repeats = Integer.getInteger("wardgate.bench.repeats", 5);
        long probeMillis = Long.getLong("wardgate.bench.probe", 1000);
        List<String> report = new ArrayList<>();
        try (UplinkFixture fixture = new UplinkFixture(dir)) {
            MqttBroker broker = fixture.broker();
            OutboxEngine outbox = fixture.outbox();
            UplinkSettings settings = UplinkSettings.of(List.of(BrokerEndpoint.parse(broker.url())),
                    UplinkFixture.SITE, UplinkFixture.WARD, fixture.trustAnchors)
                    .withRecovery(Duration.ofMillis(probeMillis), Duration.ofSeconds(30));
            UplinkEngine uplink = fixture.uplink(settings, outbox);
            await().atMost(Duration.ofSeconds(60)).until(() -> uplink.status().connected());
            report.add("broker " + broker.kind() + ", backoff " + settings.backoffMin() + " to " + settings.backoffMax()
                    + ", probe " + (probeMillis == 0 ? "off" : probeMillis + " ms") + ", " + repeats + " outages per length");
            List<Double> all = new ArrayList<>();
            long sequence = 0;
            for (int outage : outages) {
                List<Double> seconds = new ArrayList<>();
                for (int r = 0; r < repeats; r++) {
                    broker.stop();
                    await().atMost(Duration.ofSeconds(60)).until(() -> !uplink.status().connected());
                    store(outbox, "bench", sequence++); // a reading waits in the outbox through the outage
                    LockSupport.parkNanos(Duration.ofSeconds(outage).toNanos());
                    broker.start(); // returns once the port accepts
                    long back = System.nanoTime();
                    await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(5))
                            .until(() -> uplink.status().connected());
                    seconds.add((System.nanoTime() - back) / 1e9);
                }
                all.addAll(seconds);
                report.add(line("outage " + outage + " s", seconds));
            }
            report.add(line("all outages", all));
            await().atMost(Duration.ofSeconds(60)).until(() -> outbox.status().envelopes() == 0);
            assertThat(uplink.status().acknowledged()).isGreaterThanOrEqualTo(sequence);
        }
        Path out = Path.of("target", "reconnect-benchmark.txt");
        Files.write(out, report, StandardCharsets.UTF_8);
    }

    private static String line(String label, List<Double> seconds) {
        List<Double> sorted = seconds.stream().sorted().toList();
        return String.format(java.util.Locale.ROOT, "%-14s n=%d  p50 %.2f s  p99 %.2f s  max %.2f s", label,
                sorted.size(), rank(sorted, 0.50), rank(sorted, 0.99), sorted.get(sorted.size() - 1));
    }

    /** Nearest-rank percentile. */
    private static double rank(List<Double> sorted, double p) {
        return sorted.get(Math.max(0, (int) Math.ceil(p * sorted.size()) - 1));
    }
}
