package io.wardgate.ble;

import io.wardgate.api.Location;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The BLE driver's settings, checked once: a typed options record in front of the configuration map.
 *
 * @param busAddress D-Bus address of the bus BlueZ is on ("unix:path=..." or "unix:abstract=..."); empty
 *        for the system bus
 * @param adapter the adapter's name, e.g. "hci0"
 * @param location where this gateway's BLE devices stand
 * @param services 16-bit UUIDs of the services to discover (upper-case hex); the gateway warns about
 *        any no installed GATT driver covers
 * @param rssiThreshold discovery ignores devices weaker than this (dBm), or null for no RSSI filter
 * @param reconnectMin first delay before connecting again after a failure
 * @param reconnectMax longest delay between connection attempts (doubling from reconnectMin)
 * @param admissionRecheck how often to ask the policy again about a device (it may approve or revoke)
 * @param tick how often the driver reconciles BlueZ's state with what it wants
 * @param deviceZone the zone the devices' clocks run in
 */
public record BleSettings(String busAddress, String adapter, Location location, List<String> services,
        Integer rssiThreshold, Duration reconnectMin, Duration reconnectMax, Duration admissionRecheck,
        Duration tick, ZoneId deviceZone) {
    private static final Pattern ADDRESS = Pattern.compile("(unix:(path|abstract)=[\\x21-\\x7E]{1,200})?");
    private static final Pattern ADAPTER = Pattern.compile("hci[0-9]{1,3}");
    private static final Pattern SERVICE = Pattern.compile("[0-9A-F]{4}");

    public BleSettings {
        Objects.requireNonNull(busAddress, "busAddress");
        if (!ADDRESS.matcher(busAddress).matches()) {
            throw new IllegalArgumentException("busAddress must be empty (system bus) or a unix: D-Bus address");
        }
        Objects.requireNonNull(adapter, "adapter");
        if (!ADAPTER.matcher(adapter).matches()) {
            throw new IllegalArgumentException("adapter must be hci0..hci999");
        }
        Objects.requireNonNull(location, "location");
        services = List.copyOf(services);
        if (services.isEmpty()) {
            throw new IllegalArgumentException("at least one service to discover");
        }
        for (String service : services) {
            if (service == null || !SERVICE.matcher(service).matches()) {
                throw new IllegalArgumentException("services must be 16-bit UUIDs, four upper-case hex digits each");
            }
        }
        if (rssiThreshold != null && (rssiThreshold < -127 || rssiThreshold > 20)) {
            throw new IllegalArgumentException("rssiThreshold must be -127..20 dBm");
        }
        requirePositive(reconnectMin, "reconnectMin");
        requirePositive(reconnectMax, "reconnectMax");
        if (reconnectMax.compareTo(reconnectMin) < 0) {
            throw new IllegalArgumentException("reconnectMax must not be below reconnectMin");
        }
        requirePositive(admissionRecheck, "admissionRecheck");
        requirePositive(tick, "tick");
        Objects.requireNonNull(deviceZone, "deviceZone");
    }

    /** The adapter's object path, e.g. "/org/bluez/hci0". */
    public String adapterPath() {
        return "/org/bluez/" + adapter;
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
