/**
 * Simulated Nonin pulse oximeters (data formats 7 and 8), for the demo and the tests.
 */
@Export
@Version("1.0.0")
package io.wardgate.driver.nonin.sim;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
