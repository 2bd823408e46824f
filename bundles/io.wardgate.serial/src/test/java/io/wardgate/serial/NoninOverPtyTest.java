package io.wardgate.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.api.DeviceReadings;
import io.wardgate.api.Observation;
import io.wardgate.api.StatusFlag;
import io.wardgate.driver.nonin.NoninDrivers;
import io.wardgate.driver.nonin.sim.NoninOximeter;
import io.wardgate.sim.SimulatorRunner;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Nonin oximeter in data format 8 (simulated) on a real pseudo-terminal, past the port's first ten seconds:
 * after that its session has asked to send nothing for {@link PortWorker#LISTENING_AFTER}, so the port ticks it
 * about once a second. DF8 has no checksum; the driver confirms a lone frame by the quiet around it (0.5 s,
 * the device sends once a second), which a tick must see. Each clean reading is then forwarded one frame later
 * (about a second after it was read), never flagged. Before the port ticked such a session when its pause ended,
 * frames one second apart looked like a burst: held until four had come (three seconds), or flagged
 * QUESTIONABLE when a late tick did see a pause.
 */
class NoninOverPtyTest {
    @TempDir
    Path dir;

    @Test
    void aListeningDf8OximetersCleanFramesAreForwardedAFrameLaterAndNeverFlagged() throws Exception {
        Path link = dir.resolve("bed-7");
        RecordingIntake intake = new RecordingIntake();
        Instant opened = Instant.now();
        // Readings read once the port listens (LISTENING_AFTER from the open, plus the first frame's second).
        Instant listening = opened.plus(PortWorker.LISTENING_AFTER).plusSeconds(1);
        try (SimulatorRunner runner = SimulatorRunner.plugged(new NoninOximeter(8, 7), link)) {
            SerialPortComponent port = port(link, intake);
            try {
                // six frames (SpO2 and pulse rate each) handed over since the port listens
                await().atMost(PortWorker.LISTENING_AFTER.plusSeconds(30)).until(() -> intake.observationsFrom(
                        link.toString()).stream().filter(o -> o.receivedAt().isAfter(listening)).count() >= 12);
            } finally {
                port.deactivate();
            }
        }
        List<Duration> delays = new ArrayList<>();
        List<Observation> late = new ArrayList<>();
        for (int i = 0; i < intake.submitted.size(); i++) {
            DeviceReadings readings = intake.submitted.get(i);
            List<Observation> observations = readings.readings().stream().filter(Observation.class::isInstance)
                    .map(Observation.class::cast).filter(o -> o.receivedAt().isAfter(listening)).toList();
            // one frame (SpO2 and pulse rate, read together) per hand-over: frames are not held back to go in a run
            assertThat(observations.stream().map(Observation::receivedAt).distinct()).as("frames in one hand-over")
                    .hasSizeLessThanOrEqualTo(1);
            for (Observation o : observations) {
                delays.add(Duration.between(o.receivedAt(), intake.submittedAt.get(i)));
                late.add(o);
            }
        }
        assertThat(late).as("readings while the port listens").hasSizeGreaterThanOrEqualTo(12)
                .allSatisfy(o -> assertThat(o.status()).doesNotContain(StatusFlag.QUESTIONABLE));
        // held for the next frame (one second), not for three more
        assertThat(delays).as("from reading to hand-over").allSatisfy(
                d -> assertThat(d).isLessThan(Duration.ofMillis(2_500)));
    }

    /** The port as an installer configures it for a Nonin in data format 8: 9600 8N1. */
    private static SerialPortComponent port(Path link, RecordingIntake intake) {
        SerialDriverCatalog drivers = new SerialDriverCatalog();
        Configs.install(drivers, new NoninDrivers.Df8Driver());
        Map<String, Object> values = new HashMap<>(Map.<String, Object>of("protocol", NoninDrivers.Df8Driver.NAME,
                "baudRate", 9600, "silenceTimeoutSeconds", 30));
        return new SerialPortComponent(intake, drivers, PortSettings.from(Configs.masimo(link.toString(), values)),
                JSerialCommLine::open, Clock.systemUTC(), new SplittableRandom(1)::nextDouble);
    }
}
