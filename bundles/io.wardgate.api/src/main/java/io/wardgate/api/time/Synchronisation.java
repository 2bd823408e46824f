package io.wardgate.api.time;

/** Whether a time source disciplines the wall clock. */
public enum Synchronisation {
    /** The kernel says a time source keeps the clock within its maximum error. */
    SYNCHRONISED,
    /** No time source has set the clock, or its estimate has grown beyond what the kernel accepts. */
    UNSYNCHRONISED,
    /** The state could not be read (not Linux, or the kernel call failed). */
    UNKNOWN
}
