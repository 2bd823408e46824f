package io.wardgate.api.driver;

/** Parity of a serial line. */
public enum Parity {
    NONE,
    EVEN,
    ODD,
    MARK,
    SPACE
}
