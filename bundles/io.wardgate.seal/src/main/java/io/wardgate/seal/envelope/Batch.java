package io.wardgate.seal.envelope;

import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.Location;
import io.wardgate.api.Reading;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What one envelope carries: readings of one device, where it stands and its device group.
 *
 * @param device the device
 * @param location where it stands
 * @param group the device group (route) the policy gave it
 * @param readings 1 to {@value #MAX_READINGS} readings in the order received
 */
public record Batch(DeviceIdentity device, Location location, String group, List<Reading> readings) {
    public static final int MAX_READINGS = 10_000;
    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public Batch {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(group, "group");
        if (!GROUP.matcher(group).matches()) {
            throw new IllegalArgumentException("group must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        readings = List.copyOf(readings);
        if (readings.isEmpty() || readings.size() > MAX_READINGS) {
            throw new IllegalArgumentException("1 to " + MAX_READINGS + " readings, not " + readings.size());
        }
    }
}
