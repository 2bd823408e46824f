package io.wardgate.api;

import java.util.List;
import java.util.Objects;

/**
 * Alarm changes from one device, as a source hands them to the gateway.
 *
 * @param device who raised them
 * @param location where the device stands
 * @param alarms 1 to {@value #MAX_ALARMS} changes, in the order received
 */
public record DeviceAlarms(DeviceIdentity device, Location location, List<Alarm> alarms) {
    public static final int MAX_ALARMS = 256;

    public DeviceAlarms {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(location, "location");
        alarms = List.copyOf(alarms);
        if (alarms.isEmpty() || alarms.size() > MAX_ALARMS) {
            throw new IllegalArgumentException("1 to " + MAX_ALARMS + " alarms, not " + alarms.size());
        }
    }
}
