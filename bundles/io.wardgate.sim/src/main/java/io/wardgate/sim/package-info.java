/**
 * Simulated bedside devices. A {@link io.wardgate.sim.SimulatedDevice} is the device side of a
 * protocol as a pure state machine (bytes from the host in, bytes to the host out); runners put it
 * on a pseudo-terminal or a fake BlueZ so the gateway's real drivers talk to it.
 */
@Export
@Version("1.0.0")
package io.wardgate.sim;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
