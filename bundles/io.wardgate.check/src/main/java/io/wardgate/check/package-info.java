/**
 * The security self-check: {@link io.wardgate.check.SelfCheck} runs {@link io.wardgate.check.Probe probes}
 * against an {@link io.wardgate.check.Installation} and returns a {@link io.wardgate.check.Report}.
 * Other bundles contribute probes (e.g. the audit trail's chain verification) as OSGi services.
 */
@Export
@Version("1.0.0")
package io.wardgate.check;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
