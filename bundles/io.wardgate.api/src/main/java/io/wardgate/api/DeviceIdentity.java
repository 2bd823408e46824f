package io.wardgate.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who a device is, as far as the gateway can tell. The transport and address say where it is
 * attached; model, serial number and EUI-64 are what it reported about itself (empty when unknown).
 *
 * @param transport how it is attached
 * @param address serial port path (or stable udev name), BLE MAC address or (network) IP address, 1 to 128
 *        printable chars
 * @param model reported model, at most 64 printable chars, empty when unknown
 * @param serialNumber reported serial number, at most 64 printable chars, empty when unknown
 * @param eui64 16 upper-case hex digits, empty when unknown
 */
public record DeviceIdentity(Transport transport, String address, String model, String serialNumber, String eui64) {
    private static final Pattern EUI64 = Pattern.compile("([0-9A-F]{16})?");

    public DeviceIdentity {
        Objects.requireNonNull(transport, "transport");
        Checks.printable(address, "address", 128);
        if (address.isBlank()) {
            throw new IllegalArgumentException("address must not be blank");
        }
        Checks.printable(model, "model", 64);
        Checks.printable(serialNumber, "serialNumber", 64);
        Checks.matches(eui64, "eui64", EUI64, "16 upper-case hex digits, or empty");
    }

    /** A device known only by where it is attached. */
    public static DeviceIdentity at(Transport transport, String address) {
        return new DeviceIdentity(transport, address, "", "", "");
    }

    public DeviceIdentity withReported(String newModel, String newSerialNumber) {
        return new DeviceIdentity(transport, address, newModel, newSerialNumber, eui64);
    }

    public DeviceIdentity withEui64(String newEui64) {
        return new DeviceIdentity(transport, address, model, serialNumber, newEui64);
    }

    /** The stable id of the attachment point, e.g. "serial:/dev/wardgate/bed-12" or "ble:AA:BB:CC:DD:EE:FF". */
    public String id() {
        return transport.prefix() + ":" + address;
    }

    public boolean isIdentified() {
        return !serialNumber.isEmpty() || !eui64.isEmpty();
    }
}
