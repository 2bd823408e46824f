/**
 * The uplink's MQTT connection lent to other bundles for this gateway's own topics (remote management). The
 * uplink provides {@link io.wardgate.api.channel.GatewayChannel}; manage uses it. Moved here from
 * io.wardgate.uplink.channel (1.1.0) so that neither bundle imports the other's packages.
 */
@Export
@Version("1.0.0")
package io.wardgate.api.channel;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
