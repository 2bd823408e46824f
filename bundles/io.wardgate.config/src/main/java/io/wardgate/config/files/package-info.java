/**
 * The files of FileInstall's configuration directory: their two formats, the one atomic and durable
 * way to write them, their last good copies and the repair at start. Used by this bundle's
 * write-back and by io.wardgate.manage (management and web UI changes).
 */
@Export
@Version("1.0.0")
package io.wardgate.config.files;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
