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
 */
public record PendingDevice(DeviceIdentity identity, Instant firstSeen, Instant lastSeen, String reason) {
    public PendingDevice {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        Objects.requireNonNull(reason, "reason");
    }
}
