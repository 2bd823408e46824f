/** Stand-in for Kura's org.eclipse.kura package (KuraException only). */
@Export
@Version("1.0.0")
package org.eclipse.kura;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
