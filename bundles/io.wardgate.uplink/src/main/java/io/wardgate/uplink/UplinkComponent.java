package io.wardgate.uplink;

import io.wardgate.api.DataDirectory;
import io.wardgate.api.pipeline.AuditTrail;
import io.wardgate.api.pipeline.GatewayIdentity;
import io.wardgate.api.pipeline.Outbox;
import io.wardgate.api.pipeline.Uplink;
import io.wardgate.api.pipeline.UplinkStatus;
import io.wardgate.api.channel.GatewayChannel;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import io.wardgate.api.time.ClockStatus;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The uplink service. It needs a configuration (there is no default broker and no default trust);
 * a configuration change restarts it, releasing whatever was in flight back to the outbox.
 */
// Immediate: nothing needs to ask for the Uplink service, yet it must run to drain the outbox.
@Component(service = {Uplink.class, GatewayChannel.class}, immediate = true, configurationPid = UplinkComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = UplinkConfiguration.class)
public final class UplinkComponent implements Uplink, GatewayChannel {
    static final String PID = "io.wardgate.uplink.Uplink";
    private static final Logger LOG = LoggerFactory.getLogger(UplinkComponent.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditTrail auditTrail;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ClockStatus clockStatus;

    private final UplinkEngine engine;

    @Activate
    public UplinkComponent(BundleContext context, @Reference Outbox outbox, @Reference GatewayIdentity identity,
            UplinkConfiguration config) {
        UplinkSettings settings;
        try {
            settings = UplinkSettings.from(config, context.getProperty(DataDirectory.PROPERTY));
        } catch (IllegalArgumentException e) {
            LOG.error("Uplink configuration {} refused: {}", PID, e.getMessage());
            throw e;
        }
        this.engine = UplinkEngine.create(settings, outbox, identity, () -> auditTrail)
                .holdWhileUnsynchronised(new ClockHold(() -> {
                    ClockStatus status = clockStatus;
                    return status == null ? null : status.current();
                }, java.time.Duration.ofMinutes(config.clockWaitMinutes()), System::nanoTime)).start();
    }

    @Deactivate
    void deactivate() {
        engine.close();
    }

    @Override
    public UplinkStatus status() {
        return engine.status();
    }

    @Override
    public String topicPrefix() {
        return engine.channel().topicPrefix();
    }

    @Override
    public Registration subscribe(String filterSuffix, MessageHandler handler) {
        return engine.channel().subscribe(filterSuffix, handler);
    }

    @Override
    public boolean publish(String suffix, byte[] payload) {
        return engine.channel().publish(suffix, payload);
    }

    @Override
    public void reconnect(String reason) {
        engine.channel().reconnect(reason);
    }
}
