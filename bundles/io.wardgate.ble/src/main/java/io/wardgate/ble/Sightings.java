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

/** Turns a Device1's properties into what the policy sees. Everything from the air is bounded here. */
final class Sightings {
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-F]{2}(:[0-9A-F]{2}){5}");
    private static final int MAX_NAME = 64;
    private static final int MAX_UUIDS_TEXT = 256;

    private Sightings() {
    }

    /** The device's address in canonical upper-case form, or empty when BlueZ gave none that is valid. */
    static Optional<String> address(Map<String, Object> device) {
        String address = ObjectTree.string(device, "Address").toUpperCase(Locale.ROOT);
        return ADDRESS.matcher(address).matches() ? Optional.of(address) : Optional.empty();
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
        if (device.get("RSSI") instanceof Number rssi && rssi.intValue() >= -127 && rssi.intValue() <= 127) {
            details.put("rssi", Integer.toString(rssi.intValue()));
        }
        return new DeviceSighting(identity(address), location, details, at);
    }

    private static String uuids(Object value) {
        List<String> uuids = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof String uuid) {
                    uuids.add(printable(uuid.toLowerCase(Locale.ROOT), 36));
                }
            }
        }
        String joined = String.join(",", uuids);
        return joined.length() <= MAX_UUIDS_TEXT ? joined : joined.substring(0, joined.lastIndexOf(',', MAX_UUIDS_TEXT));
    }

    /** Non-printable characters become '?', and the text is cut to {@code max}: names come from the air. */
    static String printable(String text, int max) {
        String cleaned = text.replaceAll("[^\\x20-\\x7E]", "?");
        return cleaned.length() <= max ? cleaned : cleaned.substring(0, max);
    }
}
