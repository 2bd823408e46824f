/**
 * The allowlist as a service: pending devices, approve (by whom), reject, revoke, and JSON import
 * and export of the whole allowlist with its device groups. Every change takes effect at once,
 * is written to the configuration (PID io.wardgate.policy.Allowlist) and is audited. The web UI
 * and remote management call {@link io.wardgate.policy.api.Allowlist}.
 * {@link io.wardgate.policy.api.ReadingObserver} services see the readings admitted, and
 * {@link io.wardgate.policy.api.DeviceEventObserver} services the events of allowed devices (whiteboards).
 */
@Export
@Version("1.4.0")
package io.wardgate.policy.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
