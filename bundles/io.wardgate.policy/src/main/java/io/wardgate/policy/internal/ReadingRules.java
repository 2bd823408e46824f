package io.wardgate.policy.internal;

import io.wardgate.api.Observation;
import io.wardgate.api.Reading;
import io.wardgate.api.StatusFlag;
import io.wardgate.policy.api.DeviceGroup;
import io.wardgate.policy.api.MetricRange;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * A group's rules on readings: metrics it does not allow are dropped; numeric values outside its
 * plausibility range keep their value and get {@link StatusFlag#IMPLAUSIBLE}. Waveform samples
 * are not range-checked (a per-sample check would cost more than it tells).
 */
final class ReadingRules {
    private ReadingRules() {
    }

    record Result(List<Reading> kept, int metricsRefused, int flagged) {
    }

    static Result apply(DeviceGroup group, List<Reading> readings) {
        List<Reading> kept = new ArrayList<>(readings.size());
        int refused = 0;
        int flagged = 0;
        for (Reading reading : readings) {
            int code = reading.metric().mdcCode();
            if (!group.metrics().contains(code)) {
                refused++;
                continue;
            }
            MetricRange range = group.range(code);
            if (range != null && reading instanceof Observation observation && observation.value() != null
                    && !range.contains(observation.value().toBigDecimal())) {
                EnumSet<StatusFlag> status = EnumSet.of(StatusFlag.IMPLAUSIBLE);
                status.addAll(observation.status());
                kept.add(observation.withStatus(status));
                flagged++;
            } else {
                kept.add(reading);
            }
        }
        return new Result(kept, refused, flagged);
    }
}
