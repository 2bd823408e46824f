/**
 * The backend receiver as a library: {@link io.wardgate.receiver.Receiver} opens, verifies and
 * de-duplicates envelopes and hands them to {@link io.wardgate.receiver.ReadingSink}s (JSON lines,
 * FHIR R4). Transport-free; {@code io.wardgate.receiver.mqtt} subscribes with Paho.
 */
@Export
@Version("1.1.0")
package io.wardgate.receiver;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
