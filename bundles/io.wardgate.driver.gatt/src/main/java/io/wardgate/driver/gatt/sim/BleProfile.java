package io.wardgate.driver.gatt.sim;

/**
 * The GATT health profiles the simulated ward offers: the service a device advertises and the
 * measurement characteristic it notifies or indicates (UUIDs from device-protocols.md).
 */
public enum BleProfile {
    HEART_RATE_STRAP("180D", "2A37", "notify"),
    THERMOMETER("1809", "2A1C", "indicate"),
    BLOOD_PRESSURE_CUFF("1810", "2A35", "indicate"),
    PULSE_OXIMETER("1822", "2A5F", "notify"),
    WEIGHT_SCALE("181D", "2A9D", "indicate"),
    GLUCOSE_METER("1808", "2A18", "notify");

    private final String service;
    private final String characteristic;
    private final String flag;

    BleProfile(String service, String characteristic, String flag) {
        this.service = service;
        this.characteristic = characteristic;
        this.flag = flag;
    }

    /** 16-bit service UUID, e.g. "180D". */
    public String service() {
        return service;
    }

    /** 16-bit measurement characteristic UUID, e.g. "2A37". */
    public String characteristic() {
        return characteristic;
    }

    /** "notify" or "indicate", as BlueZ lists it in the characteristic's Flags. */
    public String flag() {
        return flag;
    }
}
