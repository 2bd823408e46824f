package io.wardgate.driver.medibus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The alarms of one code page as last reported, and what changed: an alarm that appears or changes
 * priority, and one that disappears (ended). Until the domain has a typed alarm, each change travels as
 * an ALARM event whose detail is a fixed, parseable form ({@link #detail}), so that a typed Alarm can
 * replace it field for field: the source, the code page and alarm code, the device's priority (1 to 31,
 * 31 highest), the state and the device's phrase.
 */
final class MedibusAlarms {
    private final int page;
    private Map<Integer, MedibusData.Alarm> active = Map.of();

    MedibusAlarms(int page) {
        this.page = page;
    }

    List<String> update(List<MedibusData.Alarm> now) {
        Map<Integer, MedibusData.Alarm> next = new LinkedHashMap<>();
        for (MedibusData.Alarm alarm : now) {
            next.putIfAbsent(alarm.code(), alarm);
        }
        List<String> changes = new ArrayList<>();
        for (MedibusData.Alarm alarm : next.values()) {
            if (!alarm.equals(active.get(alarm.code()))) {
                changes.add(detail(alarm, "active"));
            }
        }
        for (MedibusData.Alarm old : active.values()) {
            if (!next.containsKey(old.code())) {
                changes.add(detail(old, "ended"));
            }
        }
        active = next;
        return changes;
    }

    void reset() {
        active = Map.of();
    }

    /** {@code source=medibus code=CP1-10 priority=30 state=active text="PAW HIGH"}. */
    String detail(MedibusData.Alarm alarm, String state) {
        return String.format(Locale.ROOT, "source=medibus code=CP%d-%02X priority=%d state=%s text=\"%s\"", page,
                alarm.code(), alarm.priority(), state, alarm.phrase());
    }
}
