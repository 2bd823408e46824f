package io.wardgate.policy.api;

/**
 * Counters and state of the policy since it started.
 *
 * @param groups device groups in force
 * @param entries approved devices
 * @param denied rejected or revoked devices
 * @param pending devices waiting for approval
 * @param pendingFull the pending list is full: further unknown devices are dropped without a pending entry
 * @param readingsForwarded readings handed to the sealer
 * @param readingsRefused readings dropped because their device is not allowed
 * @param readingsThrottled readings dropped by a device's rate limit, a disallowed metric, or a full hand-off queue
 * @param auditRecordsSuppressed repeated audit records held back by the rate limit
 * @param lastConfigError the last configuration refused, or empty
 */
public record PolicyStatus(int groups, int entries, int denied, int pending, boolean pendingFull,
        long readingsForwarded, long readingsRefused, long readingsThrottled, long auditRecordsSuppressed,
        String lastConfigError) {
}
