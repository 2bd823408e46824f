package io.wardgate.web.auth;

import java.util.Locale;
import java.util.Optional;

/** The roles of the web UI. What each may do is declared per endpoint (see the route table). */
public enum Role {
    /** Everything, including users, security settings and this UI's own configuration. */
    ADMINISTRATOR,
    /** Devices (approve, reject, revoke) and the device-side configuration (ports, BLE, policy, outbox). */
    CLINICAL_ENGINEER,
    /** Reads the audit log, the security page and the configuration; changes nothing. */
    AUDITOR,
    /** Reads the dashboard and the device list. */
    VIEWER;

    /** The name used in the API and the user file, e.g. "clinical-engineer". */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<Role> fromCode(String code) {
        for (Role role : values()) {
            if (role.code().equals(code)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /** Every role that can change anything must use a second factor (TOTP); read-only roles need not. */
    public boolean requiresTotp() {
        return this == ADMINISTRATOR || this == CLINICAL_ENGINEER;
    }
}
