package io.wardgate.api;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A device the gateway has seen, with what was seen of it, for the policy to decide on.
 *
 * @param identity who it appears to be
 * @param location where it was seen (the port's or the gateway's configured location)
 * @param details what else was seen: for BLE "addressType", "bonded", "name", "uuids", "rssi";
 *        at most 32 entries, keys up to 32 and values up to 256 printable chars
 * @param at when it was seen
 */
public record DeviceSighting(DeviceIdentity identity, Location location, Map<String, String> details, Instant at) {
    public static final int MAX_DETAILS = 32;

    public DeviceSighting {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(at, "at");
        details = Map.copyOf(details);
        if (details.size() > MAX_DETAILS) {
            throw new IllegalArgumentException("at most " + MAX_DETAILS + " details, not " + details.size());
        }
        details.forEach((key, value) -> {
            Checks.printable(key, "detail key", 32);
            Checks.printable(value, "detail '" + key + "'", 256);
        });
    }

    public String detail(String key, String otherwise) {
        return details.getOrDefault(key, otherwise);
    }
}
