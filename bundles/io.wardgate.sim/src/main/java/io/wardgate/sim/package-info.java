/**
 * Running simulated bedside devices: a {@link io.wardgate.api.sim.SimulatedDevice} (the device side of
 * a protocol, provided beside each driver) on a pseudo-terminal ({@link io.wardgate.sim.SimulatorRunner})
 * or in memory against the host session ({@link io.wardgate.sim.Conversation}).
 * {@link io.wardgate.sim.Discovered} finds drivers and simulators through {@link java.util.ServiceLoader}
 * for the demo, the benchmarks and tests outside OSGi; nothing here lists protocols.
 */
@Export
@Version("2.0.0")
package io.wardgate.sim;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
