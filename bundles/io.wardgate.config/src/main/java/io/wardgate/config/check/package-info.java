/** The configuration-directory check of `wardgate check`, used by the tool and the appliance. */
@Export
@Version("1.0.0")
package io.wardgate.config.check;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
