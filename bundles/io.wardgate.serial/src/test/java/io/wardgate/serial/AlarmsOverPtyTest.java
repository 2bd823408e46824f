package io.wardgate.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.api.Alarm;
import io.wardgate.api.AlarmPriority;
import io.wardgate.api.AlarmState;
import io.wardgate.api.DeviceAlarms;
import io.wardgate.api.DeviceEvent;
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
 * Alarms on demand from a simulated Datex S/5 on a real pseudo-terminal, through the real port
 * component and driver session: raised, silenced at the bedside and ended, each reaches the intake
 * once as a typed alarm under the device's identity (issue 17 item 3).
 */
class AlarmsOverPtyTest {
    @TempDir
    Path dir;

    @Test
    void raisedSilencedAndEndedAlarmsReachTheIntakeTyped() throws Exception {
        Path link = dir.resolve("bed-4");
        SerialDriverCatalog drivers = new SerialDriverCatalog();
        Configs.install(drivers, new DatexDriver());
        RecordingIntake intake = new RecordingIntake();
        Map<String, Object> values = new HashMap<>(Map.<String, Object>of("protocol", "datex", "baudRate", 19200,
                "parity", io.wardgate.api.driver.Parity.EVEN, "flowControl",
                io.wardgate.api.driver.FlowControl.RTS_CTS, "silenceTimeoutSeconds", 30));
        PortSettings settings = PortSettings.from(Configs.masimo(link.toString(), values));
        DatexMonitor monitor = new DatexMonitor(4, DatexMonitor.LEVEL_2009);
        try (SimulatorRunner runner = SimulatorRunner.plugged(monitor, link)) {
            SerialPortComponent port = new SerialPortComponent(intake, drivers, settings, JSerialCommLine::open,
                    Clock.systemUTC(), new SplittableRandom(1)::nextDouble);
            try {
                String path = link.toString();
                await().atMost(Duration.ofSeconds(30)).until(() -> !intake.submittedFrom(path).isEmpty());
                assertThat(intake.alarms).as("no alarm before one is raised").isEmpty();

                monitor.raise("SpO2 LOW", 3);
                await().atMost(Duration.ofSeconds(30)).until(() -> alarms(intake).size() >= 1);
                monitor.silence(true);
                await().atMost(Duration.ofSeconds(30)).until(() -> alarms(intake).size() >= 2);
                monitor.clear("SpO2 LOW");
                await().atMost(Duration.ofSeconds(30)).until(() -> alarms(intake).size() >= 3);

                assertThat(alarms(intake)).extracting(Alarm::state)
                        .containsExactly(AlarmState.ACTIVE, AlarmState.SILENCED, AlarmState.ENDED);
                assertThat(alarms(intake)).allSatisfy(alarm -> {
                    assertThat(alarm.text()).isEqualTo("SpO2 LOW");
                    assertThat(alarm.priority()).isEqualTo(AlarmPriority.HIGH);
                });
                assertThat(intake.alarms).allSatisfy(raised -> {
                    assertThat(raised.device().address()).isEqualTo(path);
                    assertThat(raised.location()).isEqualTo(settings.location());
                });
                assertThat(intake.kindsFrom(path)).doesNotContain(DeviceEvent.Kind.ALARM);
            } finally {
                port.deactivate();
            }
        }
    }

    private static List<Alarm> alarms(RecordingIntake intake) {
        return intake.alarms.stream().map(DeviceAlarms::alarms).flatMap(List::stream).toList();
    }
}
