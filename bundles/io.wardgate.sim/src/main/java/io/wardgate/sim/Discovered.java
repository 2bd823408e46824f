package io.wardgate.sim;

import io.wardgate.api.driver.SerialDriver;
import io.wardgate.api.sim.SimulatedDevice;
import io.wardgate.api.sim.SimulatorProvider;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Serial drivers and their simulators as {@link ServiceLoader} finds them on the class path (each
 * driver bundle's META-INF/services, written by bnd): the demo, the benchmarks and tests use this
 * outside OSGi. Looked up afresh on every call; nothing is cached or listed here.
 */
public final class Discovered {
    private Discovered() {
    }

    /** The serial driver named {@code protocol}, or empty when no driver on the class path has that name. */
    public static Optional<SerialDriver> serialDriver(String protocol) {
        return ServiceLoader.load(SerialDriver.class).stream().map(ServiceLoader.Provider::get)
                .filter(driver -> driver.protocol().equals(protocol)).findFirst();
    }

    /** A simulated device for {@code protocol}, seeded; empty when no simulator speaks it. */
    public static Optional<SimulatedDevice> simulator(String protocol, long seed) {
        return ServiceLoader.load(SimulatorProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(provider -> provider.protocol().equals(protocol)).findFirst()
                .map(provider -> provider.create(seed));
    }

    /** The protocol names that have a simulator, sorted. */
    public static List<String> simulatedProtocols() {
        return ServiceLoader.load(SimulatorProvider.class).stream().map(ServiceLoader.Provider::get)
                .map(SimulatorProvider::protocol).sorted().toList();
    }
}
