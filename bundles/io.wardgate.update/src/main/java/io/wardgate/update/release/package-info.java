/**
 * Building and signing release packages (used by {@code wardgate release sign} and the tests).
 */
@Export
@Version("1.0.0")
package io.wardgate.update.release;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
