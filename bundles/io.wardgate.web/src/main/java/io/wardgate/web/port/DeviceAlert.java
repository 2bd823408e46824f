package io.wardgate.web.port;

import io.wardgate.api.Metric;
import io.wardgate.api.StatusFlag;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One thing a device said that is not a value.
 *
 * @param deviceId the device, e.g. "serial:/dev/wardgate/bed-12"
 * @param at when the gateway heard it
 * @param kind an alarm the device raised, a technical condition of its connection, or status flags
 * @param detail the device's or the port's own words, printable, at most 512 characters
 * @param metric for {@link Kind#FLAGS}: the metric whose newest reading carries the flags; else null
 * @param flags for {@link Kind#FLAGS}: the flags; else empty
 */
public record DeviceAlert(String deviceId, Instant at, Kind kind, String detail, Metric metric, Set<StatusFlag> flags) {
    public enum Kind {
        /** The device raised an alarm (today: a decoded ALARM event). */
        ALARM,
        /** The device went silent or its line closed. */
        TECHNICAL,
        /** The newest reading of a metric carries status flags (in alarm, sensor problem, ...). */
        FLAGS
    }

    public DeviceAlert {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
        flags = Set.copyOf(flags);
    }
}
