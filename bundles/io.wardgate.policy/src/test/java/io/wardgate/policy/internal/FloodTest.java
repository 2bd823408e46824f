package io.wardgate.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.Observation;
import io.wardgate.api.Reading;
import io.wardgate.api.Transport;
import io.wardgate.api.pipeline.AdmittedReadings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * S20: one flooding device cannot starve another. Device A floods at 100 times its group's rate;
 * device B sends within its rate; every reading of B arrives, in order, and A is held to its rate
 * and audited (rate-limited) as throttled. Pacing of the simulated devices uses parkNanos: it is
 * the devices' send rate, not a wait for a result. No timing is asserted.
 */
class FloodTest {
    static final DeviceIdentity A = new DeviceIdentity(Transport.SERIAL, "/dev/wardgate/bed-1", "MX450", "A1", "");
    static final DeviceIdentity B = new DeviceIdentity(Transport.SERIAL, "/dev/wardgate/bed-2", "MX450", "B2", "");

    @TempDir
    Path dir;
    Fixture f;

    @AfterEach
    void stop() throws IOException {
        f.close();
    }

    private void allow(double rate, int burst) throws Exception {
        f.engine.importJson("""
                {"format": "wardgate-allowlist/1",
                 "groups": [{"name": "flood", "metrics": [150456], "maxReadingsPerSecond": %s, "burst": %d,
                             "topicSuffix": "vitals", "backendKeyId": "k1"}],
                 "devices": [
                   {"group": "flood", "transport": "serial", "address": "/dev/wardgate/bed-1", "model": "MX450",
                    "serialNumber": "A1"},
                   {"group": "flood", "transport": "serial", "address": "/dev/wardgate/bed-2", "model": "MX450",
                    "serialNumber": "B2"}]}
                """.formatted(rate, burst), "user:test");
    }

    @Test
    void aDeviceFloodingAtAHundredTimesItsRateCannotStarveAnother() throws Exception {
        f = new Fixture(dir);
        allow(10, 10);
        f.sealer.delay = Duration.ofMillis(1);
        long start = System.nanoTime();
        Thread flood = new Thread(() -> { // 10 readings every 10 ms: 1000/s, 100 x the rate
            for (int i = 0; i < 200; i++) {
                f.engine.submit(Fixture.spo2(A, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99));
                LockSupport.parkNanos(10_000_000);
            }
        });
        Thread steady = new Thread(() -> { // 5/s, within the rate
            for (int i = 0; i < 10; i++) {
                f.engine.submit(Fixture.spo2(B, 80 + i));
                LockSupport.parkNanos(200_000_000);
            }
        });
        flood.start();
        steady.start();
        flood.join();
        steady.join();
        double seconds = (System.nanoTime() - start) / 1e9;

        await().atMost(Duration.ofSeconds(10)).until(() -> f.sealer.readingsOf(B) == 10);
        List<Integer> values = f.sealer.of(B).stream().map(AdmittedReadings::readings)
                .flatMap(r -> r.readings().stream()).map(FloodTest::value).toList();
        assertThat(values).containsExactly(80, 81, 82, 83, 84, 85, 86, 87, 88, 89);
        await().atMost(Duration.ofSeconds(10)).until(() -> f.sealer.readingsOf(A) == f.engine.status()
                .readingsForwarded() - 10);
        assertThat(f.sealer.readingsOf(A)).as("A held to 10/s + burst 10 over %.1f s", seconds)
                .isPositive().isLessThanOrEqualTo(10 + (long) Math.ceil(10 * seconds) + 10);
        assertThat(f.engine.status().readingsThrottled()).isGreaterThan(1000);
        assertThat(f.audited("DEVICE_THROTTLED")).singleElement()
                .satisfies(r -> assertThat(r.event().target()).isEqualTo(A.id()));
        System.out.printf("flood: A sent 2000 readings in %.1f s, %d forwarded; B 10 of 10%n", seconds,
                f.sealer.readingsOf(A));
    }

    @Test
    void aSealerFallingBehindFillsOnlyTheFloodersQueue() throws Exception {
        f = new Fixture(dir, new PolicySettings(64, Duration.ofHours(1), Duration.ofSeconds(60), 8), false);
        allow(100_000, 100_000);
        f.sealer.delay = Duration.ofMillis(5);
        Thread flood = new Thread(() -> {
            for (int i = 0; i < 1000; i++) { // a batch every 1 ms, the sealer takes 5 ms per batch
                f.engine.submit(Fixture.spo2(A, 90, 91, 92, 93, 94));
                LockSupport.parkNanos(1_000_000);
            }
        });
        Thread steady = new Thread(() -> {
            for (int i = 0; i < 20; i++) {
                f.engine.submit(Fixture.spo2(B, 70 + i));
                LockSupport.parkNanos(50_000_000); // B needs a tenth of the sealer; A wants all of it
            }
        });
        flood.start();
        steady.start();
        flood.join();
        steady.join();

        await().atMost(Duration.ofSeconds(20)).until(() -> f.sealer.readingsOf(B) == 20);
        assertThat(f.sealer.of(B).stream().map(a -> value(a.readings().readings().get(0))).toList())
                .isSorted().hasSize(20);
        assertThat(f.audited("READINGS_DROPPED")).singleElement()
                .satisfies(r -> assertThat(r.event().target()).isEqualTo(A.id()));
        assertThat(f.audited("READINGS_DROPPED")).noneMatch(r -> r.event().target().equals(B.id()));
    }

    private static int value(Reading reading) {
        return ((Observation) reading).value().toBigDecimal().intValueExact();
    }
}
