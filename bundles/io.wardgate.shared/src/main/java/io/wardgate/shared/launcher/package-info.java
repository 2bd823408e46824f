/** What the appliance's launcher jar (wardgate.jar, a bnd embedded launcher) installs. */
@Export
@Version("1.0.0")
package io.wardgate.shared.launcher;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
