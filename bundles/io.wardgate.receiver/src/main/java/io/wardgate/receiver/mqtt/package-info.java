/**
 * The receiver's broker side, for backends that embed it (the benchmarks do): {@link
 * io.wardgate.receiver.mqtt.PahoSubscriber} subscribes over mutual TLS set up by {@link
 * io.wardgate.receiver.mqtt.TlsContexts}; it is an {@link io.wardgate.receiver.mqtt.EnvelopeSource}.
 */
@Export
@Version("1.0.0")
package io.wardgate.receiver.mqtt;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
