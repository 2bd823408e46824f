package io.wardgate.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.api.Alarm;
import io.wardgate.api.AlarmPriority;
import io.wardgate.api.AlarmState;
import io.wardgate.api.DeviceAlarms;
import io.wardgate.api.DeviceEvent;
import io.wardgate.driver.datex.sim.DatexMonitor;
import io.wardgate.sim.SimulatorRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
        RecordingIntake intake = new RecordingIntake();
        DatexMonitor monitor = new DatexMonitor(4, DatexMonitor.LEVEL_2009);
        try (SimulatorRunner runner = SimulatorRunner.plugged(monitor, link)) {
            SerialPortComponent port = DatexOverPtyTest.port(link, intake);
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
                    assertThat(raised.location().toString()).isEqualTo("st-marys/icu-2/12");
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
