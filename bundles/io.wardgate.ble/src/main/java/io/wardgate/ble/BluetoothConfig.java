package io.wardgate.ble;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the BLE driver, PID io.wardgate.ble.Bluetooth. */
@ObjectClassDefinition(id = "io.wardgate.ble.Bluetooth", name = "WardGate Bluetooth LE",
        description = "Reads Bluetooth LE health devices through BlueZ. Only devices the allowlist admits are "
                + "connected; pair and bond them first with bluetoothctl (docs/devices.md).")
public @interface BluetoothConfig {

    @AttributeDefinition(name = "D-Bus address", required = false,
            description = "Address of the D-Bus bus that BlueZ (bluetoothd) is on, e.g. "
                    + "unix:path=/run/dbus/system_bus_socket. Empty: the system bus. Only unix: addresses.")
    String busAddress() default "";

    @AttributeDefinition(name = "Adapter", description = "The Bluetooth adapter to use: hci0 to hci999.")
    String adapter() default "hci0";

    @AttributeDefinition(name = "Site", description = "Where the devices stand: site. 1 to 64 letters, digits, '.', '_' or '-'.")
    String site() default "site";

    @AttributeDefinition(name = "Ward", description = "Ward. 1 to 64 letters, digits, '.', '_' or '-'.")
    String ward() default "ward";

    @AttributeDefinition(name = "Bed or area", description = "Bed or area the BLE devices of this gateway belong to. "
            + "1 to 64 letters, digits, '.', '_' or '-'.")
    String bed() default "ble";

    @AttributeDefinition(name = "Services", description = "16-bit UUIDs of the GATT services to discover: "
            + "180D heart rate, 1809 thermometer, 1810 blood pressure, 1822 pulse oximeter, 1808 glucose, 181D weight scale.")
    String[] services() default {"180D", "1809", "1810", "1822", "1808", "181D"};

    @AttributeDefinition(name = "RSSI threshold (dBm)", min = "-127", max = "20",
            description = "Discovery ignores devices weaker than this. -127 to 20; -127 turns the RSSI filter off.")
    int rssiThreshold() default -127;

    @AttributeDefinition(name = "Reconnect delay, first (s)", min = "1", max = "60",
            description = "Delay before connecting again after a failed attempt or a lost connection: 1 to 60 s.")
    int reconnectMinSeconds() default 2;

    @AttributeDefinition(name = "Reconnect delay, longest (s)", min = "1", max = "3600",
            description = "The delay doubles after each failure up to this: 1 to 3600 s.")
    int reconnectMaxSeconds() default 60;

    @AttributeDefinition(name = "Ask the allowlist again after (s)", min = "5", max = "3600",
            description = "How often each seen device is put to the allowlist again (approvals and revocations take "
                    + "effect then): 5 to 3600 s.")
    int admissionRecheckSeconds() default 30;

    @AttributeDefinition(name = "Device time zone", required = false,
            description = "Time zone of the devices' clocks (GATT time stamps carry none), e.g. Europe/Berlin. "
                    + "Empty: the gateway's zone.")
    String deviceTimeZone() default "";
}
