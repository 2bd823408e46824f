package io.wardgate.audit;

import io.wardgate.api.DataDirectory;
import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.api.pipeline.AuditTrail;
import io.wardgate.audit.api.AuditLog;
import io.wardgate.audit.api.AuditQuery;
import io.wardgate.audit.api.AuditRecord;
import io.wardgate.audit.api.AuditStatus;
import io.wardgate.audit.api.Verification;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The audit trail as an OSGi service. A configuration change re-opens the trail (no @Modified):
 * the directory may have changed, and re-opening is cheap.
 */
@Component(configurationPid = AuditTrailComponent.PID, service = {AuditTrail.class, AuditLog.class})
@Designate(ocd = AuditTrailConfig.class)
public final class AuditTrailComponent implements AuditTrail, AuditLog {
    static final String PID = "io.wardgate.audit.AuditTrail";

    private final FileAuditTrail trail;

    @Activate
    public AuditTrailComponent(BundleContext context, AuditTrailConfig config) throws IOException {
        Path directory = DataDirectory.resolve(context.getProperty(DataDirectory.PROPERTY), config.directory());
        AuditSettings settings = new AuditSettings(directory, config.maxBytes(),
                config.segmentBytes(), config.warnPercent(), config.gatewayId(), config.location());
        trail = FileAuditTrail.open(settings, Clock.systemUTC(), new SecureRandom());
        trail.record(new AuditEvent(Clock.systemUTC().instant(), FileAuditTrail.SYSTEM, "AUDIT_TRAIL_STARTED",
                settings.directory().toString(), AuditEvent.Outcome.SUCCESS, "max bytes " + settings.maxBytes()
                        + ", segment bytes " + settings.segmentBytes() + ", warning at " + settings.warnPercent() + "%"));
    }

    /** Told by the gateway's identity when it binds this trail (see {@link AuditTrail#gatewayIdentified}). */
    @Override
    public void gatewayIdentified(String gatewayId) {
        trail.identityKnown(gatewayId);
    }

    @Deactivate
    void deactivate() throws IOException {
        trail.close();
    }

    @Override
    public void record(AuditEvent event) {
        trail.record(event);
    }

    @Override
    public List<AuditRecord> query(AuditQuery query) {
        return trail.query(query);
    }

    @Override
    public List<AuditRecord> readAfter(long sequence, int limit) {
        return trail.readAfter(sequence, limit);
    }

    @Override
    public Verification verify() {
        return trail.verify();
    }

    @Override
    public AuditStatus status() {
        return trail.status();
    }
}
