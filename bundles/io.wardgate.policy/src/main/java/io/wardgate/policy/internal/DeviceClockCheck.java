package io.wardgate.policy.internal;

import io.wardgate.api.Observation;
import io.wardgate.api.Reading;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.time.DeviceClocks;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A device's own time stamps are compared with the gateway's reception time by the time bundle's
 * {@link DeviceClocks}; readings of a device whose clock is off carry {@link StatusFlag#DEVICE_CLOCK_OFF},
 * so a backend never silently trusts (or silently drops) a wrong device time. Without the time bundle
 * nothing is compared and nothing flagged.
 */
final class DeviceClockCheck {
    private volatile DeviceClocks clocks;

    void use(DeviceClocks newClocks) {
        clocks = newClocks;
    }

    /** The readings, with the flag added where the device's clock is off (the same list when none is). */
    List<Reading> apply(String deviceId, List<Reading> readings) {
        DeviceClocks current = clocks;
        if (current == null) {
            return readings;
        }
        List<Reading> out = null;
        for (int i = 0; i < readings.size(); i++) {
            if (readings.get(i) instanceof Observation o && o.deviceTime() != null
                    && current.compare(deviceId, o.deviceTime(), o.receivedAt()).flagged()
                    && !o.status().contains(StatusFlag.DEVICE_CLOCK_OFF)) {
                if (out == null) {
                    out = new ArrayList<>(readings);
                }
                out.set(i, o.withStatus(flagged(o.status())));
            }
        }
        return out == null ? readings : out;
    }

    private static Set<StatusFlag> flagged(Set<StatusFlag> status) {
        Set<StatusFlag> flags = EnumSet.noneOf(StatusFlag.class);
        flags.addAll(status);
        flags.add(StatusFlag.DEVICE_CLOCK_OFF);
        return flags;
    }
}
