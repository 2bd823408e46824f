package io.wardgate.time;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.Observation;
import io.wardgate.api.driver.Decoded;
import io.wardgate.api.driver.ProtocolSession;
import io.wardgate.api.sim.SimulatedDevice;
import io.wardgate.api.time.ClockState;
import io.wardgate.api.time.DeviceClockOffset;
import io.wardgate.api.time.DeviceClockOffset.Verdict;
import io.wardgate.api.time.Synchronisation;
import io.wardgate.driver.datex.DatexSession;
import io.wardgate.driver.datex.sim.DatexMonitor;
import io.wardgate.driver.intellivue.IntelliVueSession;
import io.wardgate.driver.intellivue.sim.IntelliVueMonitor;
import io.wardgate.driver.intellivue.sim.MonitorSettings;
import io.wardgate.sim.Conversation;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 22 item 2: IntelliVue and Datex-Ohmeda monitors' own clocks, decoded by the real sessions from the
 * simulated monitors' bytes, go through the clock component's comparison as the policy hands them over
 * (every observation with a device time): the offset is reported, and a monitor off by more than the
 * tolerance is flagged (DEVICE_CLOCK_OFF on its readings) and audited once, never trusted or ignored.
 */
class MonitorClocksComparedTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final List<String> changes = new ArrayList<>();
    private final DeviceClockTable table = new DeviceClockTable(
            () -> new ClockState(Synchronisation.SYNCHRONISED, "chrony", Duration.ofMillis(5), false, NOW, "test"),
            Duration.ofSeconds(60), (before, now) -> changes.add(now.deviceId() + " " + now.verdict()));

    /** What the policy does (DeviceClockCheck): each observation with a device time is compared. */
    private List<DeviceClockOffset> compared(String deviceId, ProtocolSession session, SimulatedDevice monitor) {
        Conversation c = Conversation.run(session, monitor, NOW, Duration.ofSeconds(25), Duration.ofMillis(10));
        List<DeviceClockOffset> out = new ArrayList<>();
        for (Decoded d : c.decoded()) {
            if (d instanceof Decoded.ReadingDecoded r && r.reading() instanceof Observation o && o.deviceTime() != null) {
                out.add(table.compare(deviceId, o.deviceTime(), o.receivedAt()));
            }
        }
        return out;
    }

    private static void offBy(List<DeviceClockOffset> offsets, Duration expected, Verdict verdict) {
        assertThat(offsets).as("the monitor's clock reached the comparison").isNotEmpty().allSatisfy(o -> {
            assertThat(o.verdict()).isEqualTo(verdict);
            assertThat(o.offset()).isBetween(expected.minusSeconds(1), expected.plusSeconds(1));
        });
    }

    @Test
    void anIntelliVueTenMinutesBehindIsFlaggedAndOneOnTimeIsNot() {
        IntelliVueMonitor behind = new IntelliVueMonitor(MonitorSettings.mp70("DE10000001", 1));
        behind.setClockOffset(Duration.ofMinutes(-10));
        offBy(compared("serial:/dev/ttyUSB0", new IntelliVueSession(), behind), Duration.ofMinutes(-10), Verdict.OFF);
        IntelliVueMonitor onTime = new IntelliVueMonitor(MonitorSettings.mp70("DE10000002", 2));
        offBy(compared("serial:/dev/ttyUSB1", new IntelliVueSession(), onTime), Duration.ZERO, Verdict.WITHIN_TOLERANCE);
        assertThat(changes).as("each verdict audited once").containsExactly("serial:/dev/ttyUSB0 OFF",
                "serial:/dev/ttyUSB1 WITHIN_TOLERANCE");
    }

    @Test
    void aDatexMonitorAnHourAheadIsFlaggedAndOneOnTimeIsNot() {
        DatexMonitor ahead = new DatexMonitor(5, DatexMonitor.LEVEL_2009);
        ahead.setClockOffset(Duration.ofHours(1)); // e.g. set to summer time on a ward in winter
        offBy(compared("serial:/dev/ttyUSB2", new DatexSession(), ahead), Duration.ofHours(1), Verdict.OFF);
        offBy(compared("serial:/dev/ttyUSB3", new DatexSession(), new DatexMonitor(6, DatexMonitor.LEVEL_2009)),
                Duration.ZERO, Verdict.WITHIN_TOLERANCE);
        assertThat(table.offsets()).extracting(DeviceClockOffset::deviceId)
                .containsExactlyInAnyOrder("serial:/dev/ttyUSB2", "serial:/dev/ttyUSB3");
    }
}
