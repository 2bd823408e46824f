package io.wardgate.api.sim;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Makes simulated devices for one serial protocol. Each serial driver bundle provides one per
 * protocol name in its sim package, found through {@link java.util.ServiceLoader} by the demo,
 * the benchmarks and tests (never by the appliance, which runs no simulators).
 */
@ConsumerType
public interface SimulatorProvider {

    /** The protocol the simulated device speaks: the name of its driver, e.g. "masimo". */
    String protocol();

    /** A new device, seeded so that runs repeat and devices made with different seeds differ. */
    SimulatedDevice create(long seed);

    /** A believable serial number derived from the seed (10 digits after {@code prefix}), so each device differs. */
    static String serialNumber(String prefix, long seed) {
        return prefix + String.format("%010d", Math.floorMod(seed * 2654435761L, 10_000_000_000L));
    }
}
