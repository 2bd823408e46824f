package io.wardgate.web.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.api.Decimal;
import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.DeviceReadings;
import io.wardgate.api.Metric;
import io.wardgate.api.Observation;
import io.wardgate.api.Reading;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.Transport;
import io.wardgate.api.Unit;
import io.wardgate.api.VitalSign;
import io.wardgate.api.pipeline.AdmittedReadings;
import io.wardgate.api.pipeline.Route;
import io.wardgate.web.port.DeviceVitals;
import io.wardgate.web.port.DeviceVitals.Point;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The readings tap fed by the real policy engine, and its bounds under a flood. */
class ReadingsTapTest {
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final Route ROUTE = new Route("icu-monitors", "vitals", "backend-2026", 7);

    @TempDir
    Path dir;

    @Test
    void admittedReadingsReachTheDashboardRefusedOnesDoNot() throws IOException {
        ReadingsTap tap = new ReadingsTap();
        try (RealPolicy policy = new RealPolicy(dir)) {
            policy.engine.addObserver(tap);
            Instant at = Instant.now();
            policy.engine.submit(RealPolicy.spo2(RealPolicy.MONITOR, at, 97, 96, 95));
            policy.engine.submit(RealPolicy.spo2(RealPolicy.STRANGER, at, 50));

            List<DeviceVitals> recent = tap.recent(Duration.ofMinutes(15), 60);

            assertThat(recent).singleElement().satisfies(v -> {
                assertThat(v.device()).isEqualTo(RealPolicy.MONITOR);
                assertThat(v.location()).isEqualTo(RealPolicy.BED_12);
                assertThat(v.lastSeen()).isEqualTo(Instant.ofEpochMilli(at.toEpochMilli()));
                assertThat(v.series()).singleElement().satisfies(s -> {
                    assertThat(s.metric()).isEqualTo(VitalSign.SPO2.metric());
                    assertThat(s.unit()).isEqualTo(Unit.PERCENT);
                    assertThat(s.points()).extracting(p -> p.value().toString()).containsExactly("97", "96", "95");
                });
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> policy.sealed.size() == 1); // the pipeline went on
        }
    }

    @Test
    void onlyValuesWithinTheWindowNewestMaxPointsOldestFirst() {
        ReadingsTap tap = new ReadingsTap(Clock.fixed(NOW, ZoneOffset.UTC));
        List<Reading> readings = new ArrayList<>();
        readings.add(spo2(NOW.minus(Duration.ofMinutes(20)), 1)); // outside a 15-minute window
        for (int i = 0; i < 70; i++) {
            readings.add(spo2(NOW.minusSeconds(70 - i), 100 + i));
        }
        readings.add(Observation.absent(VitalSign.SPO2.metric(), Unit.PERCENT, Set.of(StatusFlag.UNAVAILABLE),
                NOW)); // no value: no point
        tap.admitted(batch(device(1), readings));

        DeviceVitals vitals = tap.recent(Duration.ofMinutes(15), 60).get(0);

        List<Point> points = vitals.series().get(0).points();
        assertThat(points).hasSize(60);
        assertThat(points.get(0)).isEqualTo(new Point(NOW.minusSeconds(60), Decimal.ofInteger(110)));
        assertThat(points.get(59)).isEqualTo(new Point(NOW.minusSeconds(1), Decimal.ofInteger(169)));
        assertThat(tap.recent(Duration.ofMinutes(15), 1000).get(0).series().get(0).points()).hasSize(70);
        assertThat(tap.recent(Duration.ofSeconds(30), 60).get(0).series().get(0).points()).hasSize(30);
        assertThat(tap.recent(Duration.ofMinutes(30), 1000).get(0).series().get(0).points()).hasSize(71);
        assertThat(tap.recent(Duration.ofDays(100_000_000L), 5).get(0).series().get(0).points()).hasSize(5);
        assertThat(tap.recent(Duration.ofMinutes(15), 0)).isEmpty();
    }

    @Test
    void aDeviceSilentLongerThanTheWindowIsLeftOut() {
        ReadingsTap tap = new ReadingsTap(Clock.fixed(NOW, ZoneOffset.UTC));
        tap.admitted(batch(device(1), List.of(spo2(NOW.minus(Duration.ofMinutes(16)), 97))));
        tap.admitted(batch(device(2), List.of(spo2(NOW.minusSeconds(5), 98))));

        assertThat(tap.recent(Duration.ofMinutes(15), 60)).extracting(v -> v.device().id())
                .containsExactly(device(2).id());
    }

    @Test
    void seriesAreKeptApartByMetricAndUnit() {
        ReadingsTap tap = new ReadingsTap(Clock.fixed(NOW, ZoneOffset.UTC));
        Instant at = NOW.minusSeconds(1);
        tap.admitted(batch(device(1), List.of(spo2(at, 97),
                Observation.of(VitalSign.PULSE_RATE, Decimal.ofInteger(72), Set.of(), at),
                new Observation(VitalSign.PULSE_RATE.metric(), new Unit("/s", 0, ""), Decimal.of(12, -1), Set.of(),
                        null, at))));

        assertThat(tap.recent(Duration.ofMinutes(1), 60).get(0).series())
                .extracting(s -> s.metric().mdcCode() + " " + s.unit().ucum() + " " + s.points().get(0).value())
                .containsExactly("149530 /min 72", "149530 /s 1.2", "150456 % 97");
    }

    @Test
    void aFloodOfDevicesMetricsAndValuesStaysBounded() throws InterruptedException {
        ReadingsTap tap = new ReadingsTap(Clock.fixed(NOW, ZoneOffset.UTC));
        List<Thread> sources = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int source = t;
            sources.add(new Thread(() -> {
                for (int d = 0; d < 100; d++) {
                    DeviceIdentity device = device(source * 1000 + d);
                    for (int round = 0; round < 5; round++) {
                        List<Reading> readings = new ArrayList<>();
                        for (int m = 0; m < 40; m++) { // 40 metrics, more than a device may keep
                            for (int v = 0; v < 50; v++) {
                                readings.add(new Observation(Metric.mdc(150000 + m, "MDC_TEST_" + m), Unit.PERCENT,
                                        Decimal.ofInteger(v), Set.of(), null, NOW.minusMillis(10_000 - round * 50 - v)));
                            }
                        }
                        tap.admitted(batch(device, readings));
                    }
                }
            }));
        }
        sources.forEach(Thread::start);
        for (Thread source : sources) {
            source.join();
        }

        assertThat(tap.devices()).isLessThanOrEqualTo(ReadingsTap.MAX_DEVICES);
        assertThat(tap.points()).isLessThanOrEqualTo(ReadingsTap.MAX_DEVICES * ReadingsTap.MAX_SERIES
                * ReadingsTap.POINTS);
        List<DeviceVitals> recent = tap.recent(Duration.ofMinutes(15), 1000);
        assertThat(recent).hasSizeLessThanOrEqualTo(ReadingsTap.MAX_DEVICES).isNotEmpty();
        assertThat(recent).allSatisfy(v -> {
            assertThat(v.series()).hasSizeLessThanOrEqualTo(ReadingsTap.MAX_SERIES);
            assertThat(v.series()).allSatisfy(s -> assertThat(s.points()).hasSizeLessThanOrEqualTo(ReadingsTap.POINTS)
                    .extracting(Point::at).isSorted());
        });
    }

    /**
     * Issue 25: the tap runs on the reader threads. Unwatched, a device's batches are recorded once per 15 s
     * (one dashboard point), the others cost a lookup; a look at the trends records every batch again (live),
     * until nobody has looked for a minute. Counted in points held, not in time.
     */
    @Test
    void unwatchedOneBatchPerDeviceEvery15SecondsIsRecordedWatchedEveryBatch() {
        MovingClock clock = new MovingClock(NOW);
        ReadingsTap tap = new ReadingsTap(clock);
        for (int s = 0; s < 60; s++) { // a line a second for a minute, nobody watching
            tap.admitted(batch(device(1), List.of(spo2(clock.instant(), 90 + s % 10))));
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(tap.points()).as("one point per 15 s unwatched").isEqualTo(4);
        assertThat(tap.recent(Duration.ofMinutes(15), 60).get(0).series().get(0).points())
                .extracting(Point::at).containsExactly(NOW, NOW.plusSeconds(15), NOW.plusSeconds(30),
                        NOW.plusSeconds(45));

        for (int s = 0; s < 30; s++) { // watched: the dashboard asks every 5 s
            tap.admitted(batch(device(1), List.of(spo2(clock.instant(), 97))));
            clock.advance(Duration.ofSeconds(1));
            if (s % 5 == 4) {
                tap.recent(Duration.ofMinutes(15), 60);
            }
        }
        assertThat(tap.points()).as("every batch while watched").isEqualTo(4 + 30);

        clock.advance(Duration.ofSeconds(61)); // nobody looked for a minute
        for (int s = 0; s < 30; s++) {
            tap.admitted(batch(device(1), List.of(spo2(clock.instant(), 97))));
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(tap.points()).as("unwatched again").isEqualTo(4 + 30 + 2);

        clock.set(NOW.minus(Duration.ofHours(1))); // the clock set back an hour
        tap.admitted(batch(device(1), List.of(spo2(clock.instant(), 97))));
        assertThat(tap.points()).as("recorded after the clock went back").isEqualTo(4 + 30 + 2 + 1);
    }

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        private volatile Instant now;

        MovingClock(Instant start) {
            now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        void set(Instant to) {
            now = to;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    static DeviceIdentity device(int n) {
        return new DeviceIdentity(Transport.SERIAL, "/dev/wardgate/bed-" + n, "MX450", "SN" + n, "");
    }

    static Observation spo2(Instant at, int value) {
        return Observation.of(VitalSign.SPO2, Decimal.ofInteger(value), Set.of(), at);
    }

    static AdmittedReadings batch(DeviceIdentity device, List<Reading> readings) {
        return new AdmittedReadings(new DeviceReadings(device, RealPolicy.BED_12, readings), ROUTE);
    }
}
