package io.wardgate.api.pipeline;

/** The policy's answer about one device. Deny is the default. */
public enum Verdict {
    /** On the allowlist: its data goes on. */
    ALLOWED,
    /** Unknown: held for approval; its data is dropped until approved. */
    PENDING,
    /** Rejected or revoked: its data is dropped. */
    DENIED
}
