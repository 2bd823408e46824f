/**
 * A simulated ward of Bluetooth LE health devices: a fake BlueZ ({@link io.wardgate.sim.ble.FakeBluez})
 * serving org.bluez on a real D-Bus bus, the devices on it ({@link io.wardgate.sim.ble.BleWard}), and a
 * private bus to run it on ({@link io.wardgate.sim.ble.PrivateBus}).
 */
@Export
@Version("2.0.0")
package io.wardgate.sim.ble;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
