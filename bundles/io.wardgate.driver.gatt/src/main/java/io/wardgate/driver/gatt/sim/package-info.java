/**
 * The device side of the GATT health profiles: which service and characteristic each simulated
 * device offers ({@link io.wardgate.driver.gatt.sim.BleProfile}) and believable measurements encoded as
 * the device sends them ({@link io.wardgate.driver.gatt.sim.BleValues}). io.wardgate.sim's fake BlueZ
 * serves them on D-Bus; tests, the demo and the benchmarks use it.
 */
@Export
@Version("1.0.0")
package io.wardgate.driver.gatt.sim;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
