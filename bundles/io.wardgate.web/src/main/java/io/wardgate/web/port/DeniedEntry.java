package io.wardgate.web.port;

import io.wardgate.api.DeviceIdentity;
import java.time.Instant;
import java.util.Objects;

/**
 * A rejected or revoked device.
 *
 * @param identity exactly what is denied
 * @param by who decided, e.g. "user:alice"
 * @param at when
 * @param reason why, as the person wrote it
 */
public record DeniedEntry(DeviceIdentity identity, String by, Instant at, String reason) {
    public DeniedEntry {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
    }
}
