package io.wardgate.web.auth;

import io.wardgate.api.pipeline.AuditEvent.Outcome;

/** Where the web UI reports security events; the component sends them to the AuditTrail service. */
@FunctionalInterface
public interface Audit {
    /**
     * @param actor "user:alice", or "anonymous@192.0.2.7" before login
     * @param action an upper-case code, e.g. LOGIN_FAILED
     * @param target what it was done to (user name, PID, device id); may be empty
     * @param detail a short explanation; never a secret, a password or a reading's value
     */
    void record(String actor, String action, String target, Outcome outcome, String detail);
}
