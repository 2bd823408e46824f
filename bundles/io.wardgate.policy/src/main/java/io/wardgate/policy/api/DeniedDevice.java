package io.wardgate.policy.api;

import io.wardgate.api.DeviceIdentity;
import java.time.Instant;
import java.util.Objects;

/**
 * A device that was rejected or revoked: exactly this identity is denied. Another device on the
 * same address is unknown (pending), not denied.
 */
public record DeniedDevice(DeviceIdentity identity, String by, Instant at, String reason) {
    public DeniedDevice {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
        if (by.isEmpty() || by.length() > 128 || reason.length() > 256
                || !(by + reason).chars().allMatch(c -> c >= 0x20 && c <= 0x7E)) {
            throw new IllegalArgumentException("by (1 to 128) and reason (up to 256) are printable characters");
        }
    }
}
