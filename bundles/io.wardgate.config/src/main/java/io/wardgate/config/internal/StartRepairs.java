package io.wardgate.config.internal;

import io.wardgate.config.files.Repair;
import java.util.List;

/**
 * What {@link StartGuard} found at start, handed to {@link RepairAuditComponent} (registered as a
 * service of this bundle-private type: the audit trail is not running yet when the guard runs).
 */
record StartRepairs(List<Repair> repairs) {
    StartRepairs {
        repairs = List.copyOf(repairs);
    }
}
