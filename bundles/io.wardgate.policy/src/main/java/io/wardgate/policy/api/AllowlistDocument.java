package io.wardgate.policy.api;

import java.util.List;

/** The whole allowlist: device groups, approved devices, and denied (rejected or revoked) devices. */
public record AllowlistDocument(List<DeviceGroup> groups, List<AllowlistEntry> entries, List<DeniedDevice> denied) {
    public static final AllowlistDocument EMPTY = new AllowlistDocument(List.of(), List.of(), List.of());

    public AllowlistDocument {
        groups = List.copyOf(groups);
        entries = List.copyOf(entries);
        denied = List.copyOf(denied);
    }
}
