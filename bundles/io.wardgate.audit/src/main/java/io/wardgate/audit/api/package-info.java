/**
 * Reading the security audit trail: query records, read them in sequence after a cursor (1.1, for
 * exporters), verify the hash chain, see how full it is.
 * Writing goes through {@link io.wardgate.api.pipeline.AuditTrail}; the same component provides
 * {@link io.wardgate.audit.api.AuditLog} for the web UI and remote management.
 */
@Export
@Version("1.1.0")
package io.wardgate.audit.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
