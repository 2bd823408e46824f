/**
 * A simulated Philips IntelliVue monitor speaking Data Export over MIB/RS232: answers the host's
 * association and polls with believable, varying vitals and waves, and can be told to misbehave.
 */
@Export
@Version("1.1.0")
package io.wardgate.driver.intellivue.sim;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
