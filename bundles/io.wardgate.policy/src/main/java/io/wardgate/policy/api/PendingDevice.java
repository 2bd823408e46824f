package io.wardgate.policy.api;

import io.wardgate.api.DeviceSighting;
import java.time.Instant;
import java.util.Objects;

/**
 * A device seen but not allowed, waiting for a decision. Its data was dropped, never buffered.
 *
 * @param sighting what was last seen of it (identity, location, BLE details)
 * @param firstSeen when it was first seen
 * @param lastSeen when it was last seen
 * @param seen how often it was seen (sightings and submitted batches)
 * @param reason why it is pending: unknown, identity changed on a configured address, not bonded
 */
public record PendingDevice(DeviceSighting sighting, Instant firstSeen, Instant lastSeen, long seen, String reason) {
    /** The sighting detail listing the MDC codes of the metrics the device sent (comma-separated), if it sent any. */
    public static final String METRICS = "metrics";
    /** At most this many metric codes are kept in {@link #METRICS}. */
    public static final int MAX_METRICS = 32;

    public PendingDevice {
        Objects.requireNonNull(sighting, "sighting");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        Objects.requireNonNull(reason, "reason");
    }

    public String deviceId() {
        return sighting.identity().id();
    }
}
