/** A simulated Draeger ventilator speaking MEDIBUS, for the demo and the tests. */
@Export
@Version("1.0.0")
package io.wardgate.driver.medibus.sim;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
