package io.wardgate.api.pipeline;

import org.osgi.annotation.versioning.ProviderType;

/** The tamper-evident security audit trail. Recording is durable before the method returns. */
@ProviderType
public interface AuditTrail {

    void record(AuditEvent event);

    /**
     * The gateway's identity tells the trail its gateway id once it binds it. The identity pushes
     * rather than the trail referencing the identity: each audits into the other, and two service
     * references in a ring make the framework report a cycle at start.
     */
    default void gatewayIdentified(String gatewayId) {
        // a trail that stamps no gateway id has nothing to learn
    }
}
