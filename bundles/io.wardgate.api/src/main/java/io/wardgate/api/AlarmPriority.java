package io.wardgate.api;

/**
 * How urgent the device says an alarm condition is, in the vocabulary of IEC 60601-1-8: high,
 * medium and low priority alarm conditions, and information signals. WardGate carries the device's
 * own classification; it never raises or lowers it.
 */
public enum AlarmPriority {
    HIGH,
    MEDIUM,
    LOW,
    /** An information signal: not an alarm condition (e.g. a technical notice). */
    INFO
}
