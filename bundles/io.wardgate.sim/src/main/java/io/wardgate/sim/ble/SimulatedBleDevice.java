package io.wardgate.sim.ble;

import io.wardgate.driver.gatt.sim.BleProfile;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A device of the simulated ward, as BlueZ would know it.
 *
 * @param address "AA:BB:CC:DD:EE:FF"
 * @param name the advertised name
 * @param profile what it measures
 * @param bonded whether it is paired and bonded with the adapter (as after bluetoothctl pair)
 * @param rssi signal strength while in range, dBm
 */
public record SimulatedBleDevice(String address, String name, BleProfile profile, boolean bonded, int rssi) {
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-F]{2}(:[0-9A-F]{2}){5}");

    public SimulatedBleDevice {
        Objects.requireNonNull(address, "address");
        address = address.toUpperCase(Locale.ROOT);
        if (!ADDRESS.matcher(address).matches()) {
            throw new IllegalArgumentException("address must look like AA:BB:CC:DD:EE:FF");
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(profile, "profile");
    }

    /** BlueZ's object path for this device under an adapter, e.g. /org/bluez/hci0/dev_AA_BB_.... */
    String path(String adapterPath) {
        return adapterPath + "/dev_" + address.replace(':', '_');
    }
}
