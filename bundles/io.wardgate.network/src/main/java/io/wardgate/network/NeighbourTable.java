package io.wardgate.network;

import java.net.InetAddress;
import java.util.Optional;

/**
 * Where the MAC address of a device-side peer comes from. The host hands it to the policy with the peer's
 * sightings (detail "mac"); allowlist entries name it, so another network card at an approved address is
 * held as a possible swap. Tests inject a table of their own.
 */
interface NeighbourTable {
    /** No MAC addresses at all (loopback, or a source that does not check them). */
    NeighbourTable NONE = (address, interfaceName) -> Optional.empty();

    /**
     * The link-layer address the kernel has for {@code address} on {@code interfaceName}: lower-case hex
     * octets separated by colons; empty when it has none (not resolved yet, failed, aged out).
     */
    Optional<String> macOf(InetAddress address, String interfaceName);
}
