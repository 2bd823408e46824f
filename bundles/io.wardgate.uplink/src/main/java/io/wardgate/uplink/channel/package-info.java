/** The uplink's MQTT connection lent to other bundles for this gateway's own topics (remote management). */
@Export
@Version("1.1.0")
package io.wardgate.uplink.channel;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
