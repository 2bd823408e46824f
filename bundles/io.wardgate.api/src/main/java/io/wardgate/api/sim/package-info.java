/**
 * Simulated devices: the device side of a protocol as a pure state machine (bytes from the host in,
 * bytes to the host out), for tests, the demo and the benchmarks. Each driver bundle provides its
 * protocol's simulator in its own {@code sim} package, found through
 * {@link java.util.ServiceLoader} as a {@link io.wardgate.api.sim.SimulatorProvider}; io.wardgate.sim
 * runs simulated devices on pseudo-terminals or in memory.
 */
@Export
@Version("1.0.0")
package io.wardgate.api.sim;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
