package io.wardgate.api;

import java.util.List;
import java.util.Objects;

/**
 * Readings from one device, as a source hands them to the gateway.
 *
 * @param device who sent them
 * @param location where the device stands
 * @param readings 1 to {@value #MAX_READINGS} readings, in the order received
 */
public record DeviceReadings(DeviceIdentity device, Location location, List<Reading> readings) {
    public static final int MAX_READINGS = 10_000;

    public DeviceReadings {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(location, "location");
        readings = List.copyOf(readings);
        if (readings.isEmpty() || readings.size() > MAX_READINGS) {
            throw new IllegalArgumentException("1 to " + MAX_READINGS + " readings, not " + readings.size());
        }
    }
}
