package io.wardgate.driver.gatt;

import io.wardgate.api.Decimal;
import io.wardgate.api.Metric;
import io.wardgate.api.Observation;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.Unit;
import io.wardgate.api.driver.GattDateTime;
import io.wardgate.api.driver.GattResult;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Collects what one value decoded to, and builds the result. */
final class Readings {
    private final String characteristic;
    private final String name;
    private final Instant receivedAt;
    private final ZoneId deviceZone;
    private final List<Observation> observations = new ArrayList<>();
    private final Map<String, String> details = new LinkedHashMap<>();
    private GattDateTime deviceTime;
    private Instant deviceInstant;

    Readings(String characteristic, String name, Instant receivedAt, ZoneId deviceZone) {
        this.characteristic = characteristic;
        this.name = name;
        this.receivedAt = receivedAt;
        this.deviceZone = deviceZone;
    }

    /** The device's time stamp; readings added afterwards carry it, when it is a complete date. */
    void deviceTime(GattDateTime time, boolean clockSet) {
        deviceTime = time;
        deviceInstant = clockSet ? time.toInstant(deviceZone).orElse(null) : null;
    }

    /** Shifts the device time by a time offset (glucose), keeping the raw base time in the result. */
    void offsetDeviceTime(int minutes) {
        if (deviceInstant != null) {
            deviceInstant = deviceInstant.plusSeconds(60L * minutes);
        }
    }

    void detail(String key, Object value) {
        details.put(key, String.valueOf(value));
    }

    /** An IEEE 11073 number: its special values become the status, never a number. */
    void add(Metric metric, Unit unit, MderNumber number, Set<StatusFlag> status) {
        EnumSet<StatusFlag> all = copy(status);
        if (!number.isNumber()) {
            all.add(number.special().status());
        }
        add(metric, unit, number.value(), all);
    }

    /** A value, dropped in favour of the status when a status flag says it is not a clinical value. */
    void add(Metric metric, Unit unit, Decimal value, Set<StatusFlag> status) {
        EnumSet<StatusFlag> all = copy(status);
        boolean noValue = all.stream().anyMatch(StatusFlag::meansNoValue);
        observations.add(new Observation(metric, unit, noValue ? null : value, all, deviceInstant, receivedAt));
    }

    GattResult.GattMeasurement build() {
        return new GattResult.GattMeasurement(characteristic, name, observations, deviceTime, details);
    }

    static String hex(int value, int digits) {
        return String.format(Locale.ROOT, "0x%0" + digits + "X", value);
    }

    private static EnumSet<StatusFlag> copy(Set<StatusFlag> status) {
        return status.isEmpty() ? EnumSet.noneOf(StatusFlag.class) : EnumSet.copyOf(status);
    }
}
