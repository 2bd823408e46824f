package io.wardgate.api.driver;

import io.wardgate.api.Alarm;
import io.wardgate.api.AlarmState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a device's consecutive full alarm reports into state changes. Devices repeat the list of
 * conditions present with every report; the backend wants one message per change: a condition that
 * appears is raised, one whose state or priority changes is reported again, one that is missing from
 * the next report has ended. One per session (per device); not thread-safe, like the session.
 */
public final class AlarmReports {
    private Map<String, Alarm> present = Map.of();

    /**
     * The changes since the previous report.
     *
     * @param current every condition the device reports now (ACTIVE or SILENCED; ENDED ones count as absent)
     * @param deviceTime the report's device time, or null; given to conditions that ended
     * @param gatewayTime when the gateway received the report; given to conditions that ended
     */
    public List<Alarm> update(List<Alarm> current, Instant deviceTime, Instant gatewayTime) {
        Objects.requireNonNull(gatewayTime, "gatewayTime");
        Map<String, Alarm> now = new LinkedHashMap<>();
        for (Alarm alarm : current) {
            if (alarm.state() != AlarmState.ENDED) {
                now.putIfAbsent(alarm.conditionKey(), alarm);
            }
        }
        List<Alarm> changes = new ArrayList<>();
        for (Alarm alarm : now.values()) {
            Alarm before = present.get(alarm.conditionKey());
            if (before == null || before.state() != alarm.state() || before.priority() != alarm.priority()) {
                changes.add(alarm);
            }
        }
        for (Alarm before : present.values()) {
            if (!now.containsKey(before.conditionKey())) {
                changes.add(before.withState(AlarmState.ENDED).at(deviceTime, gatewayTime));
            }
        }
        present = now;
        return changes;
    }

    /** How many conditions are present after the last report. */
    public int presentCount() {
        return present.size();
    }

    /** Forgets every condition (a new connection starts from nothing). */
    public void reset() {
        present = Map.of();
    }
}
