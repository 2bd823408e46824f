package io.wardgate.seal.envelope;

import io.wardgate.api.Alarm;
import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.Location;
import io.wardgate.api.Reading;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What one envelope carries: readings or alarm changes of one device, where it stands and its device group.
 *
 * @param device the device
 * @param location where it stands
 * @param group the device group (route) the policy gave it
 * @param readings 0 to {@value #MAX_READINGS} readings in the order received
 * @param alarms 0 to {@value #MAX_ALARMS} alarm changes in the order received; at least one reading or alarm
 */
public record Batch(DeviceIdentity device, Location location, String group, List<Reading> readings,
        List<Alarm> alarms) {
    public static final int MAX_READINGS = 10_000;
    public static final int MAX_ALARMS = io.wardgate.api.DeviceAlarms.MAX_ALARMS;
    /**
     * Appended to the device id in the routing tags of an alarm-only batch: alarms have a sequence stream of
     * their own, so that an alarm handed out ahead of its device's backlog does not push that backlog
     * out of a receiver's de-duplication window.
     */
    public static final String ALARM_STREAM_SUFFIX = "#alarms";
    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public Batch {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(group, "group");
        if (!GROUP.matcher(group).matches()) {
            throw new IllegalArgumentException("group must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        readings = List.copyOf(readings);
        alarms = List.copyOf(alarms);
        if (readings.size() > MAX_READINGS || alarms.size() > MAX_ALARMS) {
            throw new IllegalArgumentException("at most " + MAX_READINGS + " readings and " + MAX_ALARMS + " alarms");
        }
        if (readings.isEmpty() && alarms.isEmpty()) {
            throw new IllegalArgumentException("a batch holds at least one reading or alarm");
        }
    }

    /** The device id its routing tags carry: the device's, or for alarms only the device's alarm stream. */
    public String streamId() {
        return readings.isEmpty() ? device.id() + ALARM_STREAM_SUFFIX : device.id();
    }

    /** A batch of readings only: 1 to {@value #MAX_READINGS}. */
    public Batch(DeviceIdentity device, Location location, String group, List<Reading> readings) {
        this(device, location, group, nonEmpty(readings), List.of());
    }

    /** A batch of alarm changes only: 1 to {@value #MAX_ALARMS}. */
    public static Batch ofAlarms(DeviceIdentity device, Location location, String group, List<Alarm> alarms) {
        return new Batch(device, location, group, List.of(), alarms);
    }

    private static List<Reading> nonEmpty(List<Reading> readings) {
        if (readings.isEmpty()) {
            throw new IllegalArgumentException("1 to " + MAX_READINGS + " readings, not 0");
        }
        return readings;
    }
}
