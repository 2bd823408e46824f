package io.wardgate.serial;

/** Stop bits of a serial line. */
public enum StopBits {
    ONE,
    ONE_POINT_FIVE,
    TWO
}
