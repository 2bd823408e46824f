package io.wardgate.driver.datex.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.Observation;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.WaveformSegment;
import io.wardgate.api.driver.Decoded;
import io.wardgate.driver.datex.DatexSession;
import io.wardgate.sim.Conversation;
import io.wardgate.sim.RecordingOutput;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The simulated monitor against the gateway's real session, in memory (io.wardgate.sim's Conversation). */
class DatexMonitorTest {
    private static final Instant T0 = Instant.parse("2026-03-04T05:06:00Z");
    private static final Duration STEP = Duration.ofMillis(10);

    private static List<Observation> observations(List<Decoded> items) {
        return items.stream().filter(i -> i instanceof Decoded.ReadingDecoded r && r.reading() instanceof Observation)
                .map(i -> (Observation) ((Decoded.ReadingDecoded) i).reading()).toList();
    }

    private static List<WaveformSegment> segments(List<Decoded> items) {
        return items.stream().filter(i -> i instanceof Decoded.ReadingDecoded r && r.reading() instanceof WaveformSegment)
                .map(i -> (WaveformSegment) ((Decoded.ReadingDecoded) i).reading()).toList();
    }

    private static List<Decoded> errors(List<Decoded> items) {
        return items.stream().filter(Decoded.FramingError.class::isInstance).toList();
    }

    @Test
    void aLevel2005MonitorAnswersTheThirdLevelTriedWithVitalsWavesAndNoErrors() {
        DatexMonitor monitor = new DatexMonitor(7, DatexMonitor.LEVEL_2005);
        Conversation c = Conversation.run(new DatexSession(), monitor, T0, Duration.ofSeconds(40), STEP);
        List<Observation> obs = observations(c.decoded());
        assertThat(errors(c.decoded())).isEmpty();
        assertThat(c.decoded()).anyMatch(d -> d instanceof Decoded.IdentityDecoded i && i.model().endsWith("level 9"));
        // Levels 11 and 10 unanswered (5 s each), then displayed values every 10 s plus 10 s trends.
        assertThat(obs).extracting(o -> o.metric().referenceId()).contains("MDC_ECG_HEART_RATE", "MDC_PRESS_BLD_ART_SYS",
                "MDC_PRESS_BLD_NONINV_MEAN", "MDC_TEMP", "MDC_PULS_OXIM_SAT_O2", "MDC_PULS_OXIM_PULS_RATE",
                "MDC_CONC_AWAY_CO2_ET", "MDC_RESP_RATE");
        assertThat(obs).allSatisfy(o -> assertThat(o.status()).isEmpty());
        assertThat(obs).filteredOn(o -> o.metric().referenceId().equals("MDC_PULS_OXIM_SAT_O2"))
                .allSatisfy(o -> assertThat(o.value().toDouble()).isBetween(90.0, 100.0));
        assertThat(obs).filteredOn(o -> o.metric().referenceId().equals("MDC_CONC_AWAY_CO2_ET"))
                .allSatisfy(o -> assertThat(o.value().toDouble()).isBetween(30.0, 48.0));
        List<WaveformSegment> waves = segments(c.decoded());
        Set<String> waveIds = waves.stream().map(w -> w.metric().referenceId()).collect(Collectors.toSet());
        assertThat(waveIds).containsExactlyInAnyOrder("MDC_ECG_ELEC_POTL", "MDC_PRESS_BLD", "MDC_PULS_OXIM_PLETH",
                "MDC_AWAY_CO2");
        int ecgSamples = waves.stream().filter(w -> w.metric().referenceId().equals("MDC_ECG_ELEC_POTL"))
                .mapToInt(WaveformSegment::sampleCount).sum();
        assertThat(ecgSamples).as("300 S/s for about 30 s").isBetween(300 * 28, 300 * 31);
    }

    @Test
    void alarmsOnDemandReachTheSessionAsTypedAlarms() {
        DatexMonitor monitor = new DatexMonitor(7, DatexMonitor.LEVEL_2009);
        monitor.raise("HR HIGH", 3);
        monitor.raise("NIBP DUE", 1);
        Conversation c = Conversation.run(new DatexSession(), monitor, T0, Duration.ofSeconds(10), STEP);
        assertThat(c.decoded()).filteredOn(Decoded.AlarmDecoded.class::isInstance)
                .extracting(d -> ((Decoded.AlarmDecoded) d).alarm())
                .extracting(a -> a.priority() + " " + a.state() + " " + a.text())
                .containsExactly("HIGH ACTIVE HR HIGH", "LOW ACTIVE NIBP DUE");
    }

    @Test
    void aSilentMonitorGivesNothingButIsAskedAgain() {
        DatexMonitor monitor = new DatexMonitor(7, DatexMonitor.LEVEL_2009);
        monitor.mode(DatexMonitor.Mode.SILENT);
        Conversation c = Conversation.run(new DatexSession(), monitor, T0, Duration.ofSeconds(20), STEP);
        assertThat(c.capture()).isEmpty();
        assertThat(c.decoded()).isEmpty();
    }

    @Test
    void garbageGivesErrorsAndNoReadings() {
        DatexMonitor monitor = new DatexMonitor(7, DatexMonitor.LEVEL_2009);
        monitor.mode(DatexMonitor.Mode.GARBAGE);
        Conversation c = Conversation.run(new DatexSession(), monitor, T0, Duration.ofSeconds(20), STEP);
        assertThat(errors(c.decoded())).isNotEmpty();
        assertThat(c.decoded()).noneMatch(Decoded.ReadingDecoded.class::isInstance);
    }

    @Test
    void droppedBytesCostTheirFramesOnly() {
        DatexMonitor monitor = new DatexMonitor(7, DatexMonitor.LEVEL_2009);
        monitor.mode(DatexMonitor.Mode.DROP);
        Conversation c = Conversation.run(new DatexSession(), monitor, T0, Duration.ofSeconds(30), STEP);
        assertThat(errors(c.decoded())).isNotEmpty();
        assertThat(observations(c.decoded())).isNotEmpty();
        assertThat(segments(c.decoded())).hasSizeGreaterThan(100);
    }

    /**
     * Issue #17 item 4: seeded noise bursts between the real frames of a capture; every reading decoded
     * from the noisy line was sent by the monitor (same metric, value and device time, or the same run of
     * wave samples), and the first one after each burst carries QUESTIONABLE.
     */
    @Test
    void noiseBetweenFramesNeverBecomesAReading() {
        Conversation clean = Conversation.run(new DatexSession(), new DatexMonitor(11, DatexMonitor.LEVEL_2009), T0,
                Duration.ofSeconds(60), STEP);
        List<Decoded> reference = clean.decoded();
        Set<String> sent = observations(reference).stream().map(DatexMonitorTest::key).collect(Collectors.toSet());
        String sentWaves = segments(reference).stream().map(DatexMonitorTest::samples).collect(Collectors.joining("|"));

        SplittableRandom random = new SplittableRandom(17);
        ByteArrayOutputStream noisy = new ByteArrayOutputStream();
        List<byte[]> frames = frames(clean.capture());
        for (byte[] frame : frames) {
            if (random.nextInt(3) == 0) {
                byte[] burst = new byte[random.nextInt(1, 64)];
                random.nextBytes(burst);
                for (int i = 0; i < burst.length; i += random.nextInt(1, 16)) {
                    burst[i] = (byte) (random.nextBoolean() ? 0x7E : 0x7D);
                }
                noisy.writeBytes(burst);
            }
            noisy.writeBytes(frame);
        }
        RecordingOutput out = new RecordingOutput();
        List<Decoded> items = out.items();
        DatexSession session = new DatexSession();
        session.start(T0, out);
        byte[] bytes = noisy.toByteArray();
        for (int i = 0; i < bytes.length; i += 7) {
            session.receive(bytes, i, Math.min(7, bytes.length - i), T0, out);
        }
        assertThat(errors(items)).hasSizeGreaterThan(frames.size() / 6);
        List<Observation> got = observations(items);
        assertThat(got).hasSizeGreaterThan(observations(reference).size() / 2);
        assertThat(got).allSatisfy(o -> assertThat(sent).as("never sent: " + o).contains(key(o)));
        assertThat(segments(items)).allSatisfy(s -> assertThat(sentWaves).contains(samples(s)));
        assertThat(got).anyMatch(o -> o.status().contains(StatusFlag.QUESTIONABLE));
    }

    private static String key(Observation o) {
        return o.metric().referenceId() + "=" + o.value() + o.unit().ucum() + "@" + o.deviceTime();
    }

    private static String samples(WaveformSegment s) {
        return s.metric().referenceId() + Arrays.toString(s.samples()).replace("[", ":").replace("]", "");
    }

    /** Splits a clean capture into its frames (each 7E ... 7E). */
    private static List<byte[]> frames(byte[] capture) {
        List<byte[]> frames = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < capture.length; i++) {
            if (capture[i] == 0x7E) {
                if (start < 0) {
                    start = i;
                } else {
                    frames.add(Arrays.copyOfRange(capture, start, i + 1));
                    start = -1;
                }
            }
        }
        assertThat(new HashSet<>(frames)).isNotEmpty();
        return frames;
    }
}
