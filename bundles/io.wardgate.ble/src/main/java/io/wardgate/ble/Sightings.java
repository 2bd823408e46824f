package io.wardgate.ble;

import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.DeviceSighting;
import io.wardgate.api.Location;
import io.wardgate.api.Transport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a Device1's properties into what the policy sees. Everything from the air is bounded here, and
 * checked for its length before it is copied or scanned.
 */
final class Sightings {
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-F]{2}(:[0-9A-F]{2}){5}");
    /** BlueZ gives service UUIDs in their 128-bit form; anything else cannot match an allowlist entry. */
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final int UUID_LENGTH = 36;
    private static final int MAX_NAME = 64;
    /** Six full UUIDs with their commas: what fits a sighting's detail (256 characters). */
    static final int MAX_UUIDS_TEXT = 6 * (UUID_LENGTH + 1) - 1;

    private Sightings() {
    }

    /** The device's address in canonical upper-case form, or empty when BlueZ gave none that is valid. */
    static Optional<String> address(Map<String, Object> device) {
        String address = ObjectTree.string(device, "Address");
        if (address.length() != 17) {
            return Optional.empty();
        }
        String upper = address.toUpperCase(Locale.ROOT);
        return ADDRESS.matcher(upper).matches() ? Optional.of(upper) : Optional.empty();
    }

    static DeviceIdentity identity(String address) {
        return DeviceIdentity.at(Transport.BLE, address);
    }

    /** details: addressType, bonded, name, uuids, rssi (DeviceSighting's BLE keys). */
    static DeviceSighting sighting(String address, Map<String, Object> device, Location location, Instant at) {
        Map<String, String> details = new LinkedHashMap<>();
        String type = ObjectTree.string(device, "AddressType");
        details.put("addressType", type.equals("public") || type.equals("random") ? type : "unknown");
        // Newer BlueZ tells Bonded apart from Paired; older versions only have Paired.
        Object bonded = device.containsKey("Bonded") ? device.get("Bonded") : device.get("Paired");
        details.put("bonded", Boolean.toString(Boolean.TRUE.equals(bonded)));
        details.put("name", printable(ObjectTree.string(device, "Name"), MAX_NAME));
        details.put("uuids", uuids(device.get("UUIDs")));
        if (device.get("RSSI") instanceof Number rssi) {
            double dbm = rssi.doubleValue(); // a UInt64 or a double is no reason to wrap around into range
            if (dbm >= -127 && dbm <= 127) {
                details.put("rssi", Integer.toString((int) dbm));
            }
        }
        return new DeviceSighting(identity(address), location, details, at);
    }

    /** The well-formed 128-bit UUIDs, in order, as many as fit {@link #MAX_UUIDS_TEXT}; others are dropped. */
    private static String uuids(Object value) {
        List<String> uuids = new ArrayList<>();
        int length = -1;
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof String uuid && uuid.length() == UUID_LENGTH) {
                    String lower = uuid.toLowerCase(Locale.ROOT);
                    if (UUID.matcher(lower).matches() && !uuids.contains(lower)) {
                        if (length + 1 + UUID_LENGTH > MAX_UUIDS_TEXT) {
                            break;
                        }
                        uuids.add(lower);
                        length += 1 + UUID_LENGTH;
                    }
                }
            }
        }
        return String.join(",", uuids);
    }

    /** Cut to {@code max} first, then non-printable characters become '?': names come from the air. */
    static String printable(String text, int max) {
        String cut = text.length() <= max ? text : text.substring(0, max);
        return cut.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
