/** Reconnect delays shared by every component that retries a peer (broker, collector, device line). */
@Export
@Version("1.1.0")
package io.wardgate.shared.retry;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
