/** Stand-in for Kura's org.eclipse.kura.configuration package (the marker interface only). */
@Export
@Version("1.0.0")
package org.eclipse.kura.configuration;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
