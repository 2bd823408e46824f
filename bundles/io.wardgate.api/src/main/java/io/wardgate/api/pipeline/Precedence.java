package io.wardgate.api.pipeline;

/** In what order the outbox hands envelopes out and, when full, evicts them. */
public enum Precedence {
    /** Readings: fair across devices, oldest first within a device; evicted by route priority. */
    ROUTINE,
    /** Device alarms: handed out before any routine envelope, evicted only after all of them. */
    ALARM
}
