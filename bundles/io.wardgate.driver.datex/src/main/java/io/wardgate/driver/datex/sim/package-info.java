/** A simulated GE Datex-Ohmeda S/5 monitor speaking the Computer Interface, for the demo and the tests. */
@Export
@Version("1.0.0")
package io.wardgate.driver.datex.sim;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
