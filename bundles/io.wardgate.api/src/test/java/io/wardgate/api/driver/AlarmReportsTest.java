package io.wardgate.api.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wardgate.api.Alarm;
import io.wardgate.api.AlarmPriority;
import io.wardgate.api.AlarmState;
import io.wardgate.api.Metric;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlarmReportsTest {
    private static final Metric SPO2 = new Metric(150456, "MDC_PULS_OXIM_SAT_O2", "2708-6");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Alarm spo2Low(AlarmState state, Instant at) {
        return new Alarm(SPO2, "masimo:0002", "SpO2 low limit", AlarmPriority.HIGH, state, null, at);
    }

    @Test
    void raiseSilenceEndFromConsecutiveFullReports() {
        AlarmReports reports = new AlarmReports();
        Instant t1 = T0.plusSeconds(1);
        Instant t2 = T0.plusSeconds(2);
        Instant t3 = T0.plusSeconds(3);

        assertEquals(List.of(spo2Low(AlarmState.ACTIVE, T0)), reports.update(List.of(spo2Low(AlarmState.ACTIVE, T0)),
                null, T0));
        // The same condition repeated is no change.
        assertEquals(List.of(), reports.update(List.of(spo2Low(AlarmState.ACTIVE, t1)), null, t1));
        assertEquals(List.of(spo2Low(AlarmState.SILENCED, t2)),
                reports.update(List.of(spo2Low(AlarmState.SILENCED, t2)), null, t2));
        List<Alarm> ended = reports.update(List.of(), Instant.EPOCH, t3);
        assertEquals(1, ended.size());
        assertEquals(AlarmState.ENDED, ended.get(0).state());
        assertEquals(t3, ended.get(0).gatewayTime());
        assertEquals(Instant.EPOCH, ended.get(0).deviceTime());
        assertEquals(0, reports.presentCount());
    }

    @Test
    void aPriorityChangeIsReportedAndTextOnlyConditionsAreKeyedByText() {
        AlarmReports reports = new AlarmReports();
        Alarm yellow = new Alarm(null, "", "HR HIGH", AlarmPriority.MEDIUM, AlarmState.ACTIVE, null, T0);
        Alarm red = new Alarm(null, "", "HR HIGH", AlarmPriority.HIGH, AlarmState.ACTIVE, null, T0);
        Alarm other = new Alarm(null, "", "APNEA", AlarmPriority.HIGH, AlarmState.ACTIVE, null, T0);
        reports.update(List.of(yellow), null, T0);
        assertEquals(List.of(red, other), reports.update(List.of(red, other), null, T0));
        assertEquals(2, reports.presentCount());
        reports.reset();
        assertEquals(List.of(red), reports.update(List.of(red), null, T0));
    }

    @Test
    void anAlarmRefusesBadText() {
        assertThrows(IllegalArgumentException.class,
                () -> new Alarm(null, "", " ", AlarmPriority.LOW, AlarmState.ACTIVE, null, T0));
        assertThrows(IllegalArgumentException.class,
                () -> new Alarm(null, "bad code!", "x", AlarmPriority.LOW, AlarmState.ACTIVE, null, T0));
        assertThrows(IllegalArgumentException.class,
                () -> new Alarm(null, "", "x".repeat(129), AlarmPriority.LOW, AlarmState.ACTIVE, null, T0));
        assertTrue(new Alarm(null, "", "x", AlarmPriority.INFO, AlarmState.ENDED, null, T0).sourceIfKnown().isEmpty());
    }
}
