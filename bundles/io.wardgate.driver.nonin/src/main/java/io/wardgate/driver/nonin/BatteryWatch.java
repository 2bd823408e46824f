package io.wardgate.driver.nonin;

import io.wardgate.api.Alarm;
import io.wardgate.api.AlarmPriority;
import io.wardgate.api.AlarmState;
import io.wardgate.api.driver.AlarmReports;
import io.wardgate.api.driver.Decoded;
import io.wardgate.api.driver.SessionOutput;
import java.time.Instant;
import java.util.List;

/**
 * The low-battery bit as a typed alarm: raised once when it comes on, ended when it goes off, not
 * repeated with every frame that carries it. The oximeter gives no priority: it is reported LOW.
 */
final class BatteryWatch {
    static final String CODE = "nonin:battery-low";
    private final AlarmReports reports = new AlarmReports();

    void status2(int status2, long offset, Instant now, SessionOutput out) {
        boolean low = (status2 & NoninStatus.LOW_BATTERY) != 0;
        List<Alarm> present = low ? List.of(new Alarm(null, CODE, "oximeter battery low", AlarmPriority.LOW,
                AlarmState.ACTIVE, null, now)) : List.of();
        for (Alarm change : reports.update(present, null, now)) {
            out.decoded(new Decoded.AlarmDecoded(offset, change));
        }
    }

    void reset() {
        reports.reset();
    }
}
