/**
 * The services between WardGate's bundles, in the order a reading flows through them:
 * a source {@link io.wardgate.api.pipeline.ReadingIntake submits} readings; the
 * {@link io.wardgate.api.pipeline.DevicePolicy policy} decides; the
 * {@link io.wardgate.api.pipeline.Sealer sealer} seals; the
 * {@link io.wardgate.api.pipeline.Outbox outbox} stores; the
 * {@link io.wardgate.api.pipeline.Uplink uplink} sends. Every bundle records security-relevant
 * events in the {@link io.wardgate.api.pipeline.AuditTrail audit trail}.
 */
@Export
@Version("1.5.0")
package io.wardgate.api.pipeline;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
