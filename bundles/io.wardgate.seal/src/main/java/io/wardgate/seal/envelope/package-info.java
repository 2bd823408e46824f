/**
 * The sealed envelope of WardGate (docs/envelope.md): {@link io.wardgate.seal.envelope.EnvelopeSealer}
 * signs and encrypts a {@link io.wardgate.seal.envelope.Batch} of one device's readings,
 * {@link io.wardgate.seal.envelope.EnvelopeOpener} verifies and decrypts it. Plain Java, usable
 * without OSGi by the receiver and the benchmarks.
 */
@Export
@Version("1.4.0")
package io.wardgate.seal.envelope;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
