package io.wardgate.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.api.DeviceEvent;
import io.wardgate.api.Observation;
import io.wardgate.api.WaveformSegment;
import io.wardgate.driver.datex.DatexDriver;
import io.wardgate.driver.datex.sim.DatexMonitor;
import io.wardgate.sim.SimulatorRunner;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A GE Datex S/5 (simulated) on a real pseudo-terminal, read through the real port component and
 * jSerialComm with the line its driver asks for: 19200 8E1 with RTS/CTS. The monitor only talks when
 * asked, so readings prove both directions work. What a pty cannot show (parity bits on the wire, CTS
 * holding output back) is said in JSerialCommLineTest and docs/devices.md.
 */
class DatexOverPtyTest {
    @TempDir
    Path dir;

    @Test
    void aDatexMonitorAnswersTheGatewaysRequestsOverAPty() throws Exception {
        Path link = dir.resolve("bed-4");
        RecordingIntake intake = new RecordingIntake();
        try (SimulatorRunner runner = SimulatorRunner.plugged(new DatexMonitor(4, DatexMonitor.LEVEL_2009), link)) {
            SerialPortComponent port = port(link, intake);
            try {
                String path = link.toString();
                // Level 2015 goes unanswered, level 2009 is answered 5 s later; then waves every 200 ms.
                await().atMost(Duration.ofSeconds(30)).until(() -> waves(intake, path).size() > 20
                        && !observations(intake, path).isEmpty());
                assertThat(intake.eventsFrom(path).get(0).detail()).isEqualTo(
                        "opened " + path + " at 19200 8E1 RTS_CTS, protocol datex");
                assertThat(intake.kindsFrom(path)).contains(DeviceEvent.Kind.IDENTIFIED)
                        .doesNotContain(DeviceEvent.Kind.MALFORMED_INPUT);
                assertThat(observations(intake, path)).extracting(o -> o.metric().referenceId())
                        .contains("MDC_ECG_HEART_RATE", "MDC_PULS_OXIM_SAT_O2", "MDC_CONC_AWAY_CO2_ET");
            } finally {
                port.deactivate();
            }
        }
    }

    /** The port as an installer configures it for a Datex S/5: 19200 8E1 with RTS/CTS. */
    static SerialPortComponent port(Path link, RecordingIntake intake) {
        SerialDriverCatalog drivers = new SerialDriverCatalog();
        Configs.install(drivers, new DatexDriver());
        Map<String, Object> values = new HashMap<>(Map.<String, Object>of("protocol", "datex", "baudRate", 19200, "parity",
                io.wardgate.api.driver.Parity.EVEN, "flowControl", io.wardgate.api.driver.FlowControl.RTS_CTS,
                "silenceTimeoutSeconds", 30));
        return new SerialPortComponent(intake, drivers, PortSettings.from(Configs.masimo(link.toString(), values)),
                JSerialCommLine::open, Clock.systemUTC(), new SplittableRandom(1)::nextDouble);
    }

    private static List<Observation> observations(RecordingIntake intake, String path) {
        return intake.submittedFrom(path).stream().flatMap(r -> r.readings().stream())
                .filter(Observation.class::isInstance).map(Observation.class::cast).toList();
    }

    private static List<WaveformSegment> waves(RecordingIntake intake, String path) {
        return intake.submittedFrom(path).stream().flatMap(r -> r.readings().stream())
                .filter(WaveformSegment.class::isInstance).map(WaveformSegment.class::cast).toList();
    }
}
