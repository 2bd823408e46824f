/** Stand-in for Kura's org.eclipse.kura.crypto package. */
@Export
@Version("1.0.0")
package org.eclipse.kura.crypto;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
