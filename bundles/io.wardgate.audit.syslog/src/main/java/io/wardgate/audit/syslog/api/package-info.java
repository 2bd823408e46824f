/**
 * The status of the IHE ATNA audit export, for the web UI and remote management.
 */
@Export
@Version("1.0.0")
package io.wardgate.audit.syslog.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
