package io.wardgate.policy.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * The policy's own limits (the allowlist itself is a separate document).
 *
 * @param pendingMax devices held in the pending list at most, 1..1024
 * @param pendingExpiry a pending device not seen for this long leaves the list
 * @param auditInterval a repeated device event (not allowed, throttled) is audited once per interval per device
 * @param queueBatches batches queued per device for the sealer before new ones are dropped, 1..4096
 */
public record PolicySettings(int pendingMax, Duration pendingExpiry, Duration auditInterval, int queueBatches) {
    public static final PolicySettings DEFAULTS = new PolicySettings(64, Duration.ofHours(24), Duration.ofSeconds(60), 64);

    public PolicySettings {
        Objects.requireNonNull(pendingExpiry, "pendingExpiry");
        Objects.requireNonNull(auditInterval, "auditInterval");
        if (pendingMax < 1 || pendingMax > 1024) {
            throw new IllegalArgumentException("pendingMax must be 1..1024");
        }
        if (pendingExpiry.isNegative() || pendingExpiry.isZero() || auditInterval.isNegative()) {
            throw new IllegalArgumentException("pendingExpiry must be positive and auditInterval not negative");
        }
        if (queueBatches < 1 || queueBatches > 4096) {
            throw new IllegalArgumentException("queueBatches must be 1..4096");
        }
    }
}
