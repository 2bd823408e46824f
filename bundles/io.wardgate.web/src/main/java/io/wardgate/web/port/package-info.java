/**
 * The narrow ports the web UI reads and drives, each provided by another bundle (or an adapter the
 * integrator wires) as an OSGi service. Every one is optional: without it, the page says so.
 * <ul>
 * <li>{@link io.wardgate.web.port.DeviceRegistry}: the allowlist, pending approvals and device groups (policy bundle).</li>
 * <li>{@link io.wardgate.web.port.LatestReadings}: a tap on admitted readings for the dashboard.</li>
 * <li>{@link io.wardgate.web.port.DeviceAlarms}: device alarms and status flags per device, for the dashboard.</li>
 * <li>{@link io.wardgate.web.port.AuditLog}: search and chain verification of the audit trail (audit bundle).</li>
 * <li>{@link io.wardgate.web.port.TrustAnchors}: the CA certificates the uplink trusts (uplink or seal bundle).</li>
 * <li>{@link io.wardgate.web.port.CertificateRequests}: PKCS#10 requests for the gateway key (seal bundle).</li>
 * </ul>
 */
@Export
@Version("2.1.0")
package io.wardgate.web.port;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
