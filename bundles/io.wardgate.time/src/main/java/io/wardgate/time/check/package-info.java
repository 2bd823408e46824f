/** The clock check for the security self-check, used by `wardgate check` and the appliance. */
@Export
@Version("1.0.0")
package io.wardgate.time.check;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
