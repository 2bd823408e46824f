package io.wardgate.policy.internal;

import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.Transport;
import io.wardgate.policy.api.AllowlistDocument;
import io.wardgate.policy.api.AllowlistEntry;
import io.wardgate.policy.api.DeniedDevice;
import io.wardgate.policy.api.DeviceGroup;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One immutable version of the allowlist, indexed for matching. Replaced as a whole on every
 * change, so a reader sees either the old or the new allowlist, never a mix.
 */
final class Snapshot {
    static final String ADDRESS_TYPE = "addressType";
    static final String BONDED = "bonded";
    static final String UUIDS = "uuids";
    /** Network sightings: the MAC address the device-side interface's neighbour table gives for the address. */
    static final String MAC = "mac";

    private final AllowlistDocument document;
    private final String json;
    private final long version;
    private final Map<String, AllowlistEntry> entries = new HashMap<>();
    private final Map<String, DeviceGroup> groups = new HashMap<>();
    private final Map<DeviceIdentity, DeniedDevice> denied = new HashMap<>();
    private final NetworkIdentities network;
    /** The answer for an allowed device, the same every time within this version: built once, not per line. */
    private final Map<String, Decision> allowed = new HashMap<>();

    Snapshot(AllowlistDocument document, String json, long version) {
        this.document = document;
        this.json = json;
        this.version = version;
        document.groups().forEach(g -> groups.put(g.name(), g));
        document.entries().forEach(e -> entries.put(e.deviceId(), e));
        document.denied().forEach(d -> denied.put(d.identity(), d));
        network = new NetworkIdentities(entries.values());
        for (AllowlistEntry entry : entries.values()) {
            DeviceGroup group = groups.get(entry.group());
            if (group != null) {
                allowed.put(entry.deviceId(), new Decision(Decision.Kind.ALLOWED, entry, group,
                        "on the allowlist, group " + group.name()));
            }
        }
    }

    AllowlistDocument document() {
        return document;
    }

    String json() {
        return json;
    }

    long version() {
        return version;
    }

    AllowlistEntry entry(String deviceId) {
        return entries.get(deviceId);
    }

    DeviceGroup group(String name) {
        return groups.get(name);
    }

    /** Matches an identity, and for BLE what was seen of it, against this allowlist. Deny by default. */
    Decision decide(DeviceIdentity identity, Map<String, String> details) {
        DeniedDevice refused = denied.get(identity);
        if (refused != null) {
            return new Decision(Decision.Kind.DENIED, null, null, "denied by " + refused.by() + " at " + refused.at()
                    + (refused.reason().isEmpty() ? "" : ": " + refused.reason()));
        }
        AllowlistEntry entry = entries.get(identity.id());
        Decision networkRule = network.decide(identity, entry);
        if (networkRule != null) {
            return networkRule;
        }
        if (entry == null) {
            return new Decision(Decision.Kind.UNKNOWN, null, null, "not on the allowlist");
        }
        if (!entry.identity().equals(identity) && identity.transport() != Transport.BLE && saidNothing(identity)) {
            return new Decision(Decision.Kind.UNIDENTIFIED, entry, null, "has not identified itself yet (approved "
                    + describe(entry.identity()) + ")");
        }
        if (!entry.identity().equals(identity)) {
            return new Decision(Decision.Kind.IDENTITY_CHANGED, entry, null, "approved " + describe(entry.identity())
                    + ", reported " + describe(identity));
        }
        DeviceGroup group = groups.get(entry.group());
        String mac = details.getOrDefault(MAC, "");
        if (!entry.mac().isEmpty() && !mac.isEmpty() && !entry.mac().equals(mac)) {
            // Same address, same reported identity, another network card: a copy of the identity, or a
            // replaced device configured like the old one. Checked only when the neighbour table knows the MAC.
            return new Decision(Decision.Kind.IDENTITY_CHANGED, entry, null, "MAC " + mac + " at "
                    + identity.address() + " where " + entry.mac() + " was approved");
        }
        if (identity.transport() == Transport.BLE) {
            String addressType = details.getOrDefault(ADDRESS_TYPE, "");
            if (!entry.addressType().equals(addressType)) {
                return new Decision(Decision.Kind.IDENTITY_CHANGED, entry, null, "address type '" + addressType
                        + "' where '" + entry.addressType() + "' was approved");
            }
            Set<String> advertised = uuids(details.getOrDefault(UUIDS, ""));
            if (!advertised.containsAll(entry.services())) {
                Set<String> missing = new HashSet<>(entry.services());
                missing.removeAll(advertised);
                return new Decision(Decision.Kind.IDENTITY_CHANGED, entry, null, "does not advertise " + missing);
            }
            if (group.bondingRequired() && !"true".equals(details.get(BONDED))) {
                return new Decision(Decision.Kind.NOT_BONDED, entry, null, "not bonded; group " + group.name()
                        + " requires bonding");
            }
        }
        Decision answer = allowed.get(entry.deviceId());
        return answer != null ? answer
                : new Decision(Decision.Kind.ALLOWED, entry, group, "on the allowlist, group " + group.name());
    }

    /** A wired device before its first identification: model, serial number and EUI-64 all still unknown. */
    private static boolean saidNothing(DeviceIdentity identity) {
        return identity.model().isEmpty() && identity.serialNumber().isEmpty() && identity.eui64().isEmpty();
    }

    /** The "uuids" detail of a BLE sighting: UUIDs separated by commas, semicolons or spaces. */
    static Set<String> uuids(String text) {
        Set<String> uuids = new HashSet<>();
        for (String part : text.split("[,;\\s]+")) {
            if (!part.isEmpty()) {
                uuids.add(part.toLowerCase(Locale.ROOT));
            }
        }
        return uuids;
    }

    static String describe(DeviceIdentity id) {
        return "model '" + id.model() + "' serial '" + id.serialNumber() + "'"
                + (id.eui64().isEmpty() ? "" : " EUI-64 " + id.eui64());
    }
}
