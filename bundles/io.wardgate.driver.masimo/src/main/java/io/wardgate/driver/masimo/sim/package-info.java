/** A simulated Masimo Radical pulse CO-oximeter speaking serial "ASCII 1". */
@Export
@Version("1.0.0")
package io.wardgate.driver.masimo.sim;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
