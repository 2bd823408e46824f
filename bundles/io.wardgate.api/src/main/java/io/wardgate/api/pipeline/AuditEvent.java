package io.wardgate.api.pipeline;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One security-relevant event: who did what to which target, when, and with what outcome.
 * The audit trail adds where (gateway id and location).
 *
 * @param at when it happened
 * @param actor who: "system", "user:alice", "device:serial:/dev/ttyUSB0", "it:key-id"
 * @param action what, as an upper-case code such as DEVICE_NOT_ALLOWED or CONFIG_CHANGED
 * @param target what it was done to, e.g. a device id or a PID; may be empty
 * @param outcome success, failure or denied
 * @param detail a short explanation, at most 1024 printable chars; never a secret or patient data
 */
public record AuditEvent(Instant at, String actor, String action, String target, Outcome outcome, String detail) {
    private static final Pattern ACTION = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
    private static final Pattern PRINTABLE = Pattern.compile("[\\x20-\\x7E]*");

    public enum Outcome {
        SUCCESS,
        FAILURE,
        DENIED,
        WARNING
    }

    public AuditEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(outcome, "outcome");
        requirePrintable(actor, "actor", 128);
        if (actor.isEmpty()) {
            throw new IllegalArgumentException("actor must not be empty");
        }
        Objects.requireNonNull(action, "action");
        if (!ACTION.matcher(action).matches()) {
            throw new IllegalArgumentException("action must be an upper-case code such as CONFIG_CHANGED");
        }
        requirePrintable(target, "target", 256);
        requirePrintable(detail, "detail", 1024);
    }

    private static void requirePrintable(String value, String name, int max) {
        Objects.requireNonNull(value, name);
        if (value.length() > max || !PRINTABLE.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be at most " + max + " printable ASCII characters");
        }
    }
}
