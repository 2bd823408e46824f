package io.wardgate.driver.datex.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.Alarm;
import io.wardgate.api.Observation;
import io.wardgate.api.driver.Decoded;
import io.wardgate.driver.datex.DatexSession;
import io.wardgate.sim.Conversation;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Issue 22: a Datex-Ohmeda monitor whose clock is set wrong says so in every record (r_time and the
 * subrecords' times); the gateway's session passes it on as the readings' and alarms' device time, for
 * the policy to compare with the gateway's clock. The simulated monitor against the real session.
 */
class DatexMonitorClockTest {
    private static final Instant T0 = Instant.parse("2026-03-04T05:06:00Z");
    private static final Duration STEP = Duration.ofMillis(10);

    private static Duration offset(Instant deviceTime, Instant gatewayTime) {
        return Duration.between(gatewayTime, deviceTime);
    }

    @Test
    void aMonitorTenMinutesBehindStampsItsReadingsAndAlarmsTenMinutesBehind() {
        DatexMonitor monitor = new DatexMonitor(3, DatexMonitor.LEVEL_2009);
        monitor.setClockOffset(Duration.ofMinutes(-10));
        monitor.raise("SpO2 LOW", 3);
        Conversation c = Conversation.run(new DatexSession(), monitor, T0, Duration.ofSeconds(25), STEP);
        var observations = c.decoded().stream().filter(d -> d instanceof Decoded.ReadingDecoded r
                && r.reading() instanceof Observation).map(d -> (Observation) ((Decoded.ReadingDecoded) d).reading())
                .toList();
        assertThat(observations).isNotEmpty().allSatisfy(o -> assertThat(offset(o.deviceTime(), o.receivedAt()))
                .isBetween(Duration.ofMinutes(-10).minusSeconds(1), Duration.ofMinutes(-10).plusSeconds(1)));
        var alarms = c.decoded().stream().filter(Decoded.AlarmDecoded.class::isInstance)
                .map(d -> ((Decoded.AlarmDecoded) d).alarm()).toList();
        assertThat(alarms).isNotEmpty().allSatisfy((Alarm a) -> assertThat(offset(a.deviceTime(), a.gatewayTime()))
                .isBetween(Duration.ofMinutes(-10).minusSeconds(1), Duration.ofMinutes(-10).plusSeconds(1)));
    }

    @Test
    void aMonitorWhoseClockIsRightStampsItsReadingsWithinASecondOfReception() {
        DatexMonitor monitor = new DatexMonitor(3, DatexMonitor.LEVEL_2009);
        Conversation c = Conversation.run(new DatexSession(), monitor, T0, Duration.ofSeconds(25), STEP);
        assertThat(c.decoded()).filteredOn(d -> d instanceof Decoded.ReadingDecoded r
                && r.reading() instanceof Observation).isNotEmpty().allSatisfy(d -> {
                    Observation o = (Observation) ((Decoded.ReadingDecoded) d).reading();
                    assertThat(offset(o.deviceTime(), o.receivedAt()).abs()).isLessThan(Duration.ofSeconds(1));
                });
    }
}
