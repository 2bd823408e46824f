/** A simulated HL7 v2 sender: a monitor pushing IHE PCD-01 ORU^R01 over MLLP, for the demo and the tests. */
@Export
@Version("1.0.0")
package io.wardgate.driver.hl7.sim;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
