package io.wardgate.api.pipeline;

import org.osgi.annotation.versioning.ProviderType;

/** The gateway's only way out: MQTT over mutual TLS. It drains the outbox by itself. */
@ProviderType
public interface Uplink {

    UplinkStatus status();
}
