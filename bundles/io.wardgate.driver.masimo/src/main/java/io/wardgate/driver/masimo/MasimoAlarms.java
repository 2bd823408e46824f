package io.wardgate.driver.masimo;

import io.wardgate.api.Alarm;
import io.wardgate.api.AlarmPriority;
import io.wardgate.api.AlarmState;
import io.wardgate.api.Metric;
import io.wardgate.api.driver.AlarmReports;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The ALARM word of each line as typed alarms. Every line repeats the word, so the conditions it names
 * go through {@link AlarmReports}: raised when a bit comes on, silenced when 0x20 comes on, ended when
 * the bit goes off. Each condition bit is one alarm, code {@code masimo:<mask hex>}, its parameter as
 * the source; 0x10/0x20 (active, silenced) give the state of all of them. ASCII 1 sends no priority:
 * limit alarms are reported MEDIUM and device conditions (low battery) LOW (docs/alarms.md).
 */
final class MasimoAlarms {
    private final AlarmReports reports = new AlarmReports();

    List<Alarm> update(long word, Instant deviceTime, Instant now) {
        return reports.update(conditions(word, deviceTime, now), deviceTime, now);
    }

    void reset() {
        reports.reset();
    }

    static List<Alarm> conditions(long word, Instant deviceTime, Instant now) {
        AlarmState state = AlarmBit.SILENCED.isSetIn(word) ? AlarmState.SILENCED : AlarmState.ACTIVE;
        List<Alarm> alarms = new ArrayList<>();
        long known = 0;
        for (AlarmBit bit : AlarmBit.values()) {
            known |= bit.mask();
            if (bit == AlarmBit.ACTIVE || bit == AlarmBit.SILENCED || !bit.isSetIn(word)) {
                continue;
            }
            Metric source = bit.parameter() == null ? null : bit.parameter().metric();
            alarms.add(new Alarm(source, String.format("masimo:%04X", bit.mask()), bit.text(),
                    source == null ? AlarmPriority.LOW : AlarmPriority.MEDIUM, state, deviceTime, now));
        }
        long unknown = word & ~known;
        if (unknown != 0) {
            alarms.add(new Alarm(null, String.format("masimo:%04X", unknown), String.format("unknown alarm bits %X",
                    unknown), AlarmPriority.MEDIUM, state, deviceTime, now));
        }
        if (alarms.isEmpty() && (AlarmBit.ACTIVE.isSetIn(word) || AlarmBit.SILENCED.isSetIn(word))) {
            // The device alarms (or was silenced) without saying about what.
            alarms.add(new Alarm(null, "masimo:0010", "alarm, condition not given", AlarmPriority.MEDIUM, state,
                    deviceTime, now));
        }
        return alarms;
    }
}
