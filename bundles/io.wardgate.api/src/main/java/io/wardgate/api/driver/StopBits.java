package io.wardgate.api.driver;

/** Stop bits of a serial line. */
public enum StopBits {
    ONE,
    ONE_POINT_FIVE,
    TWO
}
