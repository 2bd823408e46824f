package io.wardgate.driver.intellivue.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.Alarm;
import io.wardgate.api.Observation;
import io.wardgate.api.driver.Decoded;
import io.wardgate.driver.intellivue.IntelliVueIds;
import io.wardgate.sim.Discovered;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 22: the gateway's IntelliVue session decodes the monitor's own clock (the MDS's NOM_ATTR_TIME_ABS
 * and NOM_ATTR_TIME_REL, then each poll's relative time) and stamps observations and alarms with it, so the
 * policy compares it with the gateway's clock and flags a monitor whose clock is off (DEVICE_CLOCK_OFF).
 * Against the simulated monitor speaking the Data Export bytes.
 */
class MonitorClockDialogueTest {
    private final IntelliVueMonitor monitor = new IntelliVueMonitor(MonitorSettings.mp70("DE27182818", 11));
    private final Bench bench = new Bench(Discovered.serialDriver("intellivue").orElseThrow().openSession(), monitor);

    private static Duration offset(Observation o) {
        return Duration.between(o.receivedAt(), o.deviceTime());
    }

    @Test
    void aMonitorWhoseClockIsRightStampsItsObservationsWithinAPollOfReception() {
        bench.start();
        bench.run(Duration.ofSeconds(4));
        assertThat(bench.observationsSince(0)).isNotEmpty().allSatisfy(o -> {
            assertThat(o.deviceTime()).as("every observation carries the monitor's time").isNotNull();
            assertThat(offset(o).abs()).isLessThan(Duration.ofSeconds(1));
        });
    }

    @Test
    void aMonitorTenMinutesBehindStampsItsObservationsAndAlarmsTenMinutesBehind() {
        monitor.setClockOffset(Duration.ofMinutes(-10));
        bench.start();
        bench.run(Duration.ofSeconds(3));
        int mark = bench.mark();
        monitor.raise(new MonitorAlert(IntelliVueIds.NOM_PULS_OXIM_SAT_O2, 0x000A, IntelliVueIds.HI_PRI_P_AL, 0,
                "SpO2 Low"));
        bench.run(Duration.ofSeconds(3));
        assertThat(bench.observationsSince(0)).isNotEmpty().allSatisfy(o -> assertThat(offset(o))
                .isBetween(Duration.ofMinutes(-10).minusSeconds(1), Duration.ofMinutes(-10).plusSeconds(1)));
        assertThat(bench.since(mark, Decoded.AlarmDecoded.class)).isNotEmpty()
                .extracting(Decoded.AlarmDecoded::alarm).allSatisfy((Alarm a) -> assertThat(
                        Duration.between(a.gatewayTime(), a.deviceTime())).isBetween(
                                Duration.ofMinutes(-10).minusSeconds(1), Duration.ofMinutes(-10).plusSeconds(1)));
    }

    @Test
    void aMonitorTwoDaysAheadAcrossANewAssociationIsReadAfresh() {
        bench.start();
        bench.run(Duration.ofSeconds(3));
        monitor.setClockOffset(Duration.ofDays(2)); // someone sets the monitor's clock; it re-associates
        monitor.dropAssociation();
        bench.run(Duration.ofSeconds(15));
        int mark = bench.mark();
        bench.run(Duration.ofSeconds(3));
        assertThat(bench.observationsSince(mark)).isNotEmpty().allSatisfy(o -> assertThat(offset(o))
                .isBetween(Duration.ofDays(2).minusSeconds(1), Duration.ofDays(2).plusSeconds(1)));
    }
}
