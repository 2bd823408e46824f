/** A simulated Masimo Radical pulse CO-oximeter speaking serial "ASCII 1". */
@Export
@Version("1.0.0")
package io.wardgate.sim.masimo;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
