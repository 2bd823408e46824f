package io.wardgate.policy.api;

import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.Transport;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An approved device. Its identity must match exactly what a device reports (address, model,
 * serial number, EUI-64; empty means the device reports none). BLE entries also name the address
 * type ("public" or "random") and the services the device must advertise. Network entries may name the
 * MAC address the device-side interface sees at the address (empty: not checked, e.g. behind a router).
 *
 * @param identity the approved identity
 * @param group the device group it belongs to
 * @param addressType BLE address type, empty for other transports
 * @param services BLE service UUIDs (lower case) it must advertise; empty for other transports
 * @param mac network entries: the MAC address, lower-case colon-separated hex; empty for none or other transports
 * @param approvedBy who approved it
 * @param approvedAt when
 */
public record AllowlistEntry(DeviceIdentity identity, String group, String addressType, Set<String> services,
        String mac, String approvedBy, Instant approvedAt) {
    /** A MAC address as the kernel's neighbour table prints it (lower case; 6 or, for InfiniBand-like links, 20 octets). */
    public static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}|[0-9a-f]{2}(:[0-9a-f]{2}){19}");
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{4}|[0-9a-f]{8}|[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");
    private static final Pattern ACTOR = Pattern.compile("[\\x20-\\x7E]{1,128}");

    public AllowlistEntry {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(addressType, "addressType");
        Objects.requireNonNull(approvedAt, "approvedAt");
        Objects.requireNonNull(mac, "mac");
        if (!mac.isEmpty() && (identity.transport() != Transport.NETWORK || !MAC.matcher(mac).matches())) {
            throw new IllegalArgumentException(identity.transport() != Transport.NETWORK ? "mac is for network entries only"
                    : "mac '" + mac + "' is not a lower-case colon-separated MAC address");
        }
        services = Set.copyOf(services);
        if (identity.transport() == Transport.BLE) {
            if (!addressType.equals("public") && !addressType.equals("random")) {
                throw new IllegalArgumentException("a BLE entry needs addressType 'public' or 'random'");
            }
            for (String service : services) {
                if (!UUID.matcher(service).matches()) {
                    throw new IllegalArgumentException("service '" + service + "' is not a lower-case UUID");
                }
            }
        } else if (!addressType.isEmpty() || !services.isEmpty()) {
            throw new IllegalArgumentException("addressType and services are for BLE entries only");
        }
        if (approvedBy == null || !ACTOR.matcher(approvedBy).matches()) {
            throw new IllegalArgumentException("approvedBy must be 1 to 128 printable characters");
        }
    }

    /** An entry without a MAC address (every transport but NETWORK, and network devices not checked by MAC). */
    public AllowlistEntry(DeviceIdentity identity, String group, String addressType, Set<String> services,
            String approvedBy, Instant approvedAt) {
        this(identity, group, addressType, services, "", approvedBy, approvedAt);
    }

    public String deviceId() {
        return identity.id();
    }
}
