package io.wardgate.driver.medibus;

import io.wardgate.api.Alarm;
import io.wardgate.api.AlarmPriority;
import io.wardgate.api.AlarmState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The alarms of one code page as last reported, and what changed: an alarm that appears or changes
 * priority, and one that disappears (ended). Each change is a typed {@link Alarm} with the code
 * {@code medibus:CP<page>-<code hex>} and the device's phrase. Medibus has no silenced state in its
 * alarm list: the states are active and ended.
 */
final class MedibusAlarms {
    /**
     * Device priorities (1 to 31, 31 highest) at or above these are high, medium; below, low. The bands are
     * WardGate's even thirds, not Draeger's: the "RS 232 MEDIBUS Protocol Definition" (rev. 4.03, "Alarm
     * Status Response") defines only the field (priority 1 to 31 plus 30H, 31 highest) and refers to an
     * appendix that lists no classes; Draeger's device manuals name three classes (Warning red, Caution
     * yellow, Advisory/Note) and give each alarm's number, but no public document read gives the number
     * range of each class (docs/devices.md, Draeger MEDIBUS, "Alarm priorities").
     */
    static final int HIGH_FROM = 21;
    static final int MEDIUM_FROM = 11;

    private final int page;
    private Map<Integer, MedibusData.Alarm> active = Map.of();

    MedibusAlarms(int page) {
        this.page = page;
    }

    List<Alarm> update(List<MedibusData.Alarm> now, Instant at) {
        Map<Integer, MedibusData.Alarm> next = new LinkedHashMap<>();
        for (MedibusData.Alarm alarm : now) {
            next.putIfAbsent(alarm.code(), alarm);
        }
        List<Alarm> changes = new ArrayList<>();
        for (MedibusData.Alarm alarm : next.values()) {
            if (!alarm.equals(active.get(alarm.code()))) {
                changes.add(typed(alarm, AlarmState.ACTIVE, at));
            }
        }
        for (MedibusData.Alarm old : active.values()) {
            if (!next.containsKey(old.code())) {
                changes.add(typed(old, AlarmState.ENDED, at));
            }
        }
        active = next;
        return changes;
    }

    void reset() {
        active = Map.of();
    }

    Alarm typed(MedibusData.Alarm alarm, AlarmState state, Instant at) {
        String phrase = alarm.phrase().isBlank() ? "alarm " + code(alarm) : alarm.phrase();
        return new Alarm(null, "medibus:" + code(alarm), phrase, priority(alarm.priority()), state, null, at);
    }

    private String code(MedibusData.Alarm alarm) {
        return String.format(Locale.ROOT, "CP%d-%02X", page, alarm.code());
    }

    static AlarmPriority priority(int devicePriority) {
        if (devicePriority >= HIGH_FROM) {
            return AlarmPriority.HIGH;
        }
        return devicePriority >= MEDIUM_FROM ? AlarmPriority.MEDIUM : AlarmPriority.LOW;
    }
}
