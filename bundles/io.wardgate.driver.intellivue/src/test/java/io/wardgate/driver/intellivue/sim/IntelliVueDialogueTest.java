package io.wardgate.driver.intellivue.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.wardgate.api.Alarm;
import io.wardgate.api.AlarmPriority;
import io.wardgate.api.AlarmState;
import io.wardgate.api.DeviceEvent;
import io.wardgate.api.Metric;
import io.wardgate.api.Observation;
import io.wardgate.api.Unit;
import io.wardgate.api.VitalSign;
import io.wardgate.api.WaveformSegment;
import io.wardgate.api.driver.Decoded;
import io.wardgate.driver.intellivue.IntelliVueIds;
import io.wardgate.driver.intellivue.IntelliVueSession;
import io.wardgate.sim.Discovered;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The gateway's IntelliVue session against the simulated monitor, in memory: the whole dialogue of
 * device-protocols.md lines 15-19, and what happens when the monitor drops out.
 */
class IntelliVueDialogueTest {
    private static final Metric ECG_II = Metric.mdc(131330, "MDC_ECG_ELEC_POTL_II");
    private static final Metric PLETH = Metric.mdc(150452, "MDC_PULS_OXIM_PLETH");

    private final IntelliVueMonitor monitor = new IntelliVueMonitor(MonitorSettings.mp70("DE31415926", 7));
    private final Bench bench = new Bench(Discovered.serialDriver("intellivue").orElseThrow().openSession(), monitor);

    private static List<Observation> of(List<Observation> observations, Metric metric) {
        return observations.stream().filter(o -> o.metric().equals(metric)).toList();
    }

    @Test
    void fullDialogueGivesIdentityVitalsAndWaves() {
        assertThat(bench.session).isInstanceOf(IntelliVueSession.class);
        bench.start();
        bench.run(Duration.ofSeconds(5));

        assertThat(bench.all(Decoded.FramingError.class)).isEmpty();
        assertThat(bench.all(Decoded.EventDecoded.class)).extracting(Decoded.EventDecoded::kind)
                .containsExactly(DeviceEvent.Kind.CONNECTED);
        assertThat(bench.all(Decoded.IdentityDecoded.class)).singleElement()
                .satisfies(identity -> {
                    assertThat(identity.model()).isEqualTo("M8007A");
                    assertThat(identity.serialNumber()).isEqualTo("DE31415926");
                    assertThat(identity.eui64()).isEmpty();
                });

        List<Observation> observations = bench.observationsSince(0);
        List<Observation> heartRates = of(observations, VitalSign.HEART_RATE.metric());
        assertThat(heartRates).hasSizeBetween(4, 6); // one poll a second
        assertThat(heartRates).allSatisfy(hr -> {
            assertThat(hr.unit()).isEqualTo(Unit.BEATS_PER_MINUTE);
            assertThat(hr.value().toDouble()).isBetween(55.0, 95.0);
        });
        assertThat(of(observations, VitalSign.SPO2.metric())).allSatisfy(spo2 -> {
            assertThat(spo2.value().exponent()).isEqualTo(-1);
            assertThat(spo2.value().toDouble()).isBetween(95.0, 100.0);
        });
        Observation systolic = of(observations, VitalSign.NIBP_SYSTOLIC.metric()).get(0);
        Observation diastolic = of(observations, VitalSign.NIBP_DIASTOLIC.metric()).get(0);
        Observation mean = of(observations, VitalSign.NIBP_MEAN.metric()).get(0);
        assertThat(systolic.value().toDouble()).isGreaterThan(mean.value().toDouble());
        assertThat(mean.value().toDouble()).isGreaterThan(diastolic.value().toDouble());
        assertThat(of(observations, Metric.mdc(150344, "MDC_TEMP"))).isNotEmpty().allSatisfy(temp -> {
            assertThat(temp.unit()).isEqualTo(Unit.CELSIUS);
            assertThat(temp.value().toDouble()).isBetween(36.0, 38.0);
        });
        assertThat(of(observations, VitalSign.RESPIRATION_RATE.metric())).isNotEmpty();
        assertThat(of(observations, new Metric(151728, "MDC_AWAY_CO2_ET", "19889-5"))).isNotEmpty();
        assertThat(of(observations, new Metric(149538, "MDC_PLETH_PULS_RATE", "8867-4"))).isNotEmpty();
        assertThat(observations).allSatisfy(o -> assertThat(o.status()).isEmpty());

        List<WaveformSegment> segments = bench.segmentsSince(0);
        List<WaveformSegment> ecg = segments.stream().filter(s -> s.metric().equals(ECG_II)).toList();
        List<WaveformSegment> pleth = segments.stream().filter(s -> s.metric().equals(PLETH)).toList();
        assertThat(ecg).isNotEmpty().allSatisfy(s -> {
            assertThat(s.samplePeriod()).isEqualTo(Duration.ofMillis(2));
            assertThat(s.unit()).isEqualTo(Unit.MILLIVOLT);
        });
        assertThat(pleth).isNotEmpty().allSatisfy(s -> assertThat(s.samplePeriod()).isEqualTo(Duration.ofMillis(8)));
        int ecgSamples = ecg.stream().mapToInt(WaveformSegment::sampleCount).sum();
        assertThat(ecgSamples).isBetween(2200, 2500); // ~500 S/s over the polled part of 5 s
        assertThat(pleth.stream().mapToInt(WaveformSegment::sampleCount).sum()).isBetween(550, 625);
        assertContinuous(ecg);
        assertContinuous(pleth);
        // the ECG moves: an R wave stands well above the baseline in every second of samples
        assertThat(ecg.stream().flatMapToInt(s -> java.util.Arrays.stream(s.samples())).max().orElseThrow())
                .isGreaterThan(Physiology.ECG_BASELINE + 500);
    }

    private static void assertContinuous(List<WaveformSegment> segments) {
        for (int i = 1; i < segments.size(); i++) {
            WaveformSegment previous = segments.get(i - 1);
            Instant end = previous.start().plus(previous.samplePeriod().multipliedBy(previous.sampleCount()));
            assertThat(segments.get(i).start()).as("segment %d", i).isEqualTo(end);
        }
    }

    @Test
    void alertsRaisedOnDemandBecomeAlarmsAndEndWhenCleared() {
        bench.start();
        bench.run(Duration.ofSeconds(2));
        assertThat(bench.all(Decoded.AlarmDecoded.class)).isEmpty();
        int raised = bench.mark();
        monitor.raise(new MonitorAlert(IntelliVueIds.NOM_PULS_OXIM_SAT_O2, 0x000A, IntelliVueIds.HI_PRI_P_AL,
                IntelliVueIds.AL_NEW_ALERT, "**Desat 85 < 90"));
        monitor.raise(new MonitorAlert(0x0102, 0x0103, IntelliVueIds.LOW_PRI_T_AL, 0, "ECG Leads Off"));
        bench.run(Duration.ofMillis(1500)); // one alert poll period (1 s) and its answer
        List<Alarm> up = bench.since(raised, Decoded.AlarmDecoded.class).stream().map(Decoded.AlarmDecoded::alarm)
                .toList();
        assertThat(up).extracting(Alarm::text, Alarm::priority, Alarm::state).containsExactlyInAnyOrder(
                tuple("**Desat 85 < 90", AlarmPriority.HIGH, AlarmState.ACTIVE),
                tuple("ECG Leads Off", AlarmPriority.LOW, AlarmState.ACTIVE));
        assertThat(up).filteredOn(a -> a.text().startsWith("**")).singleElement()
                .extracting(Alarm::source).isEqualTo(VitalSign.SPO2.metric());

        int cleared = bench.mark();
        monitor.clear(IntelliVueIds.NOM_PULS_OXIM_SAT_O2, 0x000A);
        bench.run(Duration.ofSeconds(3));
        assertThat(bench.since(cleared, Decoded.AlarmDecoded.class)).singleElement()
                .extracting(d -> d.alarm().text(), d -> d.alarm().state())
                .containsExactly("**Desat 85 < 90", AlarmState.ENDED);
        assertThat(bench.all(Decoded.FramingError.class)).isEmpty();
    }

    @Test
    void hostNeverSendsMoreThanFourFramesPer128Milliseconds() {
        // device-protocols.md: "Host sends at most 4 frames per 128 ms."
        bench.start();
        bench.run(Duration.ofSeconds(10));
        List<Instant> sends = bench.hostSends;
        assertThat(sends).hasSizeGreaterThan(40);
        for (int i = 4; i < sends.size(); i++) {
            assertThat(Duration.between(sends.get(i - 4), sends.get(i))).as("frame %d", i)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(128));
        }
    }

    @Test
    void reassociatesAfterTheMonitorDropsTheAssociation() {
        bench.start();
        bench.run(Duration.ofSeconds(3));
        monitor.dropAssociation();
        int dropped = bench.mark();
        bench.run(Duration.ofSeconds(5));

        assertThat(bench.since(dropped, Decoded.EventDecoded.class)).extracting(Decoded.EventDecoded::kind,
                Decoded.EventDecoded::detail).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(DeviceEvent.Kind.DISCONNECTED, "association aborted by the monitor"),
                        org.assertj.core.groups.Tuple.tuple(DeviceEvent.Kind.CONNECTED, "association accepted"));
        assertThat(monitor.associationCount()).isEqualTo(2);
        assertThat(bench.since(dropped, Decoded.IdentityDecoded.class)).singleElement()
                .extracting(Decoded.IdentityDecoded::serialNumber).isEqualTo("DE31415926");
        assertThat(of(bench.observationsSince(dropped), VitalSign.HEART_RATE.metric())).hasSizeGreaterThanOrEqualTo(2);
        assertThat(bench.all(Decoded.FramingError.class)).isEmpty();
    }

    @Test
    void reassociatesAfterTheMonitorWasSilent() {
        bench.start();
        bench.run(Duration.ofSeconds(3));
        monitor.goSilent(true);
        int silent = bench.mark();
        bench.run(Duration.ofSeconds(12));
        assertThat(bench.since(silent, Decoded.EventDecoded.class)).singleElement().satisfies(event -> {
            assertThat(event.kind()).isEqualTo(DeviceEvent.Kind.DISCONNECTED);
            assertThat(event.detail()).startsWith("monitor silent for");
        });
        int beforeReturn = bench.mark();
        assertThat(bench.observationsSince(silent)).hasSizeLessThanOrEqualTo(7 * 2); // at most what was in flight

        monitor.goSilent(false);
        bench.run(Duration.ofSeconds(40)); // long enough for the doubling backoff to try again
        assertThat(monitor.associationCount()).isEqualTo(2);
        assertThat(bench.since(beforeReturn, Decoded.EventDecoded.class)).extracting(Decoded.EventDecoded::kind)
                .contains(DeviceEvent.Kind.CONNECTED);
        assertThat(of(bench.observationsSince(beforeReturn), VitalSign.SPO2.metric())).isNotEmpty();
    }

    @Test
    void garbageFromTheMonitorIsReportedAndReadingsGoOn() {
        bench.start();
        bench.run(Duration.ofSeconds(2));
        monitor.sendGarbage(5000);
        bench.run(Duration.ofMillis(20));
        int afterGarbage = bench.mark();
        assertThat(bench.all(Decoded.FramingError.class)).isNotEmpty();
        bench.run(Duration.ofSeconds(3));
        assertThat(of(bench.observationsSince(afterGarbage), VitalSign.HEART_RATE.metric())).hasSizeGreaterThanOrEqualTo(2);
        assertThat(bench.segmentsSince(afterGarbage)).isNotEmpty();
    }
}
