package io.wardgate.policy.internal;

import io.wardgate.api.pipeline.Route;
import io.wardgate.policy.api.AllowlistEntry;
import io.wardgate.policy.api.DeviceGroup;

/**
 * What the allowlist says about one device identity; entry, group and the group's route are set when allowed
 * (the route built once per allowlist version, not per reading line: building one checks its names).
 */
record Decision(Kind kind, AllowlistEntry entry, DeviceGroup group, Route route, String reason) {
    Decision(Kind kind, AllowlistEntry entry, DeviceGroup group, String reason) {
        this(kind, entry, group, group == null ? null : group.route(), reason);
    }

    enum Kind {
        ALLOWED,
        /** No entry for its address: held for approval. */
        UNKNOWN,
        /**
         * An entry for its (wired) address, and the device there has not reported who it is yet (it
         * just connected): not allowed, but no swap either, and no approval request.
         */
        UNIDENTIFIED,
        /** An entry for its address, but another device: possibly swapped; held for approval. */
        IDENTITY_CHANGED,
        /** A BLE device of a group that requires bonding, not bonded: held. */
        NOT_BONDED,
        /** Rejected or revoked. */
        DENIED
    }

    boolean allowed() {
        return kind == Kind.ALLOWED;
    }
}
