package io.wardgate.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.Observation;
import io.wardgate.api.Transport;
import io.wardgate.api.pipeline.AdmittedReadings;
import io.wardgate.policy.api.ReadingObserver;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ReadingObserver whiteboard: observers see exactly what is admitted, and cannot hurt the pipeline. */
class ReadingObserverTest {
    static final DeviceIdentity STRANGER = new DeviceIdentity(Transport.SERIAL, "/dev/wardgate/bed-99", "MX450",
            "ZZ999", "");

    @TempDir
    Path dir;
    Fixture f;
    final ConcurrentLinkedQueue<AdmittedReadings> seen = new ConcurrentLinkedQueue<>();
    final ReadingObserver recorder = seen::add;

    @BeforeEach
    void open() throws IOException {
        f = new Fixture(dir);
    }

    @AfterEach
    void close() throws IOException {
        f.close();
    }

    @Test
    void seesAdmittedBatchesWithTheirRouteAndNothingRefused() {
        f.engine.addObserver(recorder);
        f.engine.submit(Fixture.spo2(Fixture.MONITOR, 97, 98));
        f.engine.submit(Fixture.spo2(STRANGER, 50)); // not on the allowlist: refused, never observed

        assertThat(seen).singleElement().satisfies(batch -> {
            assertThat(batch.readings().device()).isEqualTo(Fixture.MONITOR);
            assertThat(batch.route().group()).isEqualTo("icu-monitors");
            assertThat(batch.readings().readings()).map(r -> ((Observation) r).value().toString())
                    .containsExactly("97", "98");
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> f.sealer.readingsOf(Fixture.MONITOR) == 2);
    }

    @Test
    void throttledReadingsAreNotObserved() {
        f.engine.addObserver(recorder);
        f.engine.submit(Fixture.spo2(Fixture.MONITOR, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99, 60, 61)); // burst 10

        assertThat(seen).singleElement().satisfies(b -> assertThat(b.readings().readings()).hasSize(10));
        assertThat(f.engine.status().readingsThrottled()).isEqualTo(2);
    }

    @Test
    void aThrowingObserverDoesNotStopTheReadingsNorTheOtherObservers() {
        AtomicLong calls = new AtomicLong();
        f.engine.addObserver(batch -> {
            calls.incrementAndGet();
            throw new IllegalStateException("observer broken");
        });
        f.engine.addObserver(recorder);
        f.engine.submit(Fixture.spo2(Fixture.MONITOR, 97));
        f.engine.submit(Fixture.spo2(Fixture.MONITOR, 96));

        assertThat(calls).hasValue(2);
        assertThat(seen).hasSize(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> f.sealer.readingsOf(Fixture.MONITOR) == 2);
    }

    @Test
    void aRemovedObserverSeesNoMore() {
        f.engine.addObserver(recorder);
        f.engine.submit(Fixture.spo2(Fixture.MONITOR, 97));
        f.engine.removeObserver(recorder);
        f.engine.submit(Fixture.spo2(Fixture.MONITOR, 96));

        assertThat(seen).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> f.sealer.readingsOf(Fixture.MONITOR) == 2);
    }

    @Test
    void underAFloodTheObserverSeesExactlyWhatIsForwarded() throws Exception {
        f.engine.importJson("""
                {"format": "wardgate-allowlist/1",
                 "groups": [{"name": "flood", "metrics": [150456], "maxReadingsPerSecond": 10, "burst": 10,
                             "topicSuffix": "vitals", "backendKeyId": "k1"}],
                 "devices": [{"group": "flood", "transport": "serial", "address": "/dev/wardgate/bed-12",
                              "model": "MX450", "serialNumber": "DE12345678"}]}
                """, "user:test");
        f.engine.addObserver(recorder);
        for (int i = 0; i < 2000; i++) {
            f.engine.submit(Fixture.spo2(Fixture.MONITOR, 90, 91, 92, 93, 94));
        }
        long observed = seen.stream().mapToLong(b -> b.readings().readings().size()).sum();
        assertThat(observed).isEqualTo(f.engine.status().readingsForwarded()).isLessThan(10_000);
        assertThat(f.engine.status().readingsThrottled()).isEqualTo(10_000 - observed);
        List<AdmittedReadings> batches = List.copyOf(seen);
        assertThat(batches).allSatisfy(b -> assertThat(b.readings().device()).isEqualTo(Fixture.MONITOR));
    }
}
