package io.wardgate.api.pipeline;

import org.osgi.annotation.versioning.ProviderType;

/** The tamper-evident security audit trail. Recording is durable before the method returns. */
@ProviderType
public interface AuditTrail {

    void record(AuditEvent event);
}
