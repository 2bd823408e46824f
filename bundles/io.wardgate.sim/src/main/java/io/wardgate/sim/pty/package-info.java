/**
 * Pseudo-terminal pairs made from Java, for device simulators and tests: the simulator writes on the
 * master, the gateway opens the slave path as a serial port. Linux only.
 */
@Export
@Version("1.0.0")
package io.wardgate.sim.pty;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
