package io.wardgate.api;

/** How a device is attached to the gateway. */
public enum Transport {
    SERIAL("serial"),
    BLE("ble"),
    /** On the device-side network interface; the address is the device's IP address in text form. */
    NETWORK("net"),
    /** Readings fed in-process at the same entry point the drivers use (load generator, tests). */
    LOCAL("local");

    private final String prefix;

    Transport(String prefix) {
        this.prefix = prefix;
    }

    /** The prefix of device ids on this transport, e.g. "serial". */
    public String prefix() {
        return prefix;
    }
}
