/**
 * Signed updates and the start-time integrity check, for remote management and the web UI.
 */
@Export
@Version("1.0.0")
package io.wardgate.update.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
