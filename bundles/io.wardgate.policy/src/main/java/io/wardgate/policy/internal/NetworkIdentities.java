package io.wardgate.policy.internal;

import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.Transport;
import io.wardgate.policy.api.AllowlistEntry;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Identity rules for network devices, where an entry names the device-side IP address together with
 * the identity the device reports there. On top of the address-keyed match every transport gets (an
 * address now reporting another identity is a possible swap): an approved identity reporting from
 * another address is held and audited as a possible swap too (re-addressed, or a copy of its identity);
 * and an approved address that has not yet said who it is (a monitor before its association) is only
 * "not identified yet", not a swap.
 */
final class NetworkIdentities {
    /** Approved network entries by what the device reports (model, serial number, EUI-64). */
    private final Map<String, AllowlistEntry> byReported = new HashMap<>();

    NetworkIdentities(Collection<AllowlistEntry> entries) {
        for (AllowlistEntry entry : entries) {
            DeviceIdentity identity = entry.identity();
            if (identity.transport() == Transport.NETWORK && identity.isIdentified()) {
                byReported.put(reported(identity), entry);
            }
        }
    }

    /** A decision for a network identity these rules settle, or null to decide as for any transport. */
    Decision decide(DeviceIdentity identity, AllowlistEntry atAddress) {
        if (identity.transport() != Transport.NETWORK) {
            return null;
        }
        if (atAddress != null && !identity.isIdentified()) {
            return new Decision(Decision.Kind.UNKNOWN, null, null, "not identified yet at approved address "
                    + identity.address());
        }
        if (atAddress == null && identity.isIdentified()) {
            AllowlistEntry elsewhere = byReported.get(reported(identity));
            if (elsewhere != null) {
                return new Decision(Decision.Kind.IDENTITY_CHANGED, elsewhere, null, "approved "
                        + Snapshot.describe(identity) + " at " + elsewhere.identity().address()
                        + ", now reporting from " + identity.address());
            }
        }
        return null;
    }

    private static String reported(DeviceIdentity identity) {
        return identity.model() + '\n' + identity.serialNumber() + '\n' + identity.eui64();
    }
}
