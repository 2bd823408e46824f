package io.wardgate.web.port;

import io.wardgate.api.DeviceIdentity;
import java.time.Instant;
import java.util.Objects;

/**
 * A device on the allowlist.
 *
 * @param identity who it is (its id is {@code identity.id()})
 * @param group its device group
 * @param approvedAt when it was approved
 * @param approvedBy who approved it, e.g. "user:alice" or "it:key-7"
 */
public record AllowlistEntry(DeviceIdentity identity, String group, Instant approvedAt, String approvedBy) {
    public AllowlistEntry {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(approvedAt, "approvedAt");
        Objects.requireNonNull(approvedBy, "approvedBy");
    }
}
