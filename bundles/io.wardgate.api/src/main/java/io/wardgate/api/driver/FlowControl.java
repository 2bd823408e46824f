package io.wardgate.api.driver;

/** Flow control of a serial line. */
public enum FlowControl {
    NONE,
    /** Hardware handshake (e.g. GE Datex S/5). */
    RTS_CTS,
    /** Software handshake in both directions. */
    XON_XOFF
}
