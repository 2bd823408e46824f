package io.wardgate.runtime;

import io.wardgate.api.pipeline.Uplink;
import java.time.Duration;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The appliance's start in two steps: the data path at the beginning start level, the rest once the uplink
 * connected (at most {@link #BOUND} later), see {@link LaterStartLevel}.
 */
@Component(immediate = true)
public final class LaterStartLevelComponent {
    /** The longest the rest of the gateway waits for the uplink's first connection. */
    static final Duration BOUND = Duration.ofSeconds(5);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Uplink uplink;

    private final LaterStartLevel later;

    @Activate
    public LaterStartLevelComponent(BundleContext context) {
        int target = LaterStartLevel.finalLevel(context.getProperty(LaterStartLevel.FINAL_LEVEL));
        if (target < 0) {
            later = null;
            return;
        }
        boolean configured = TlsWarmUp.uplinkConfigured(context.getProperty("felix.fileinstall.dir"));
        later = new LaterStartLevel(context, target, configured, () -> {
            Uplink current = uplink;
            return current != null && current.status().connected();
        }, BOUND);
    }

    @Deactivate
    void deactivate() {
        if (later != null) {
            later.close();
        }
    }
}
