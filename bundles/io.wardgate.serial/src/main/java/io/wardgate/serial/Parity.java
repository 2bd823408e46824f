package io.wardgate.serial;

/** Parity of a serial line. */
public enum Parity {
    NONE,
    EVEN,
    ODD,
    MARK,
    SPACE
}
