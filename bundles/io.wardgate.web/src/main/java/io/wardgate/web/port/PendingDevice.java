package io.wardgate.web.port;

import io.wardgate.api.DeviceIdentity;
import java.time.Instant;
import java.util.Objects;

/**
 * A device seen but not allowed.
 *
 * @param identity what it reported about itself
 * @param firstSeen when it was first seen
 * @param lastSeen when it was last seen
 * @param reason why it is held, e.g. "unknown device"
 * @param location where it stands (site, ward, bed), null when its source did not say
 * @param metrics the MDC codes of the metrics it sent (its data was dropped), empty when none
 */
public record PendingDevice(DeviceIdentity identity, Instant firstSeen, Instant lastSeen, String reason,
        io.wardgate.api.Location location, java.util.List<Integer> metrics) {
    public PendingDevice {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        Objects.requireNonNull(reason, "reason");
        metrics = java.util.List.copyOf(metrics);
    }

    /** A pending device of which only identity, times and reason are known. */
    public PendingDevice(DeviceIdentity identity, Instant firstSeen, Instant lastSeen, String reason) {
        this(identity, firstSeen, lastSeen, reason, null, java.util.List.of());
    }
}
