package io.wardgate.audit.syslog;

import io.wardgate.api.DataDirectory;
import io.wardgate.api.pipeline.AuditTrail;
import io.wardgate.api.pipeline.GatewayIdentity;
import io.wardgate.audit.api.AuditLog;
import io.wardgate.audit.syslog.api.AtnaExport;
import io.wardgate.audit.syslog.api.AtnaExportStatus;
import java.security.SecureRandom;
import java.time.Clock;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The IHE ATNA audit export. It runs only when configured (no default collector, no default trust); a
 * configuration change restarts it, and it goes on from its durable cursor.
 */
// Immediate: nothing asks for the AtnaExport service, yet it must run to export.
@Component(service = AtnaExport.class, immediate = true, configurationPid = AtnaExportComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = AtnaExportConfig.class)
public final class AtnaExportComponent implements AtnaExport {
    static final String PID = "io.wardgate.audit.syslog.AtnaExport";
    private static final Logger LOG = LoggerFactory.getLogger(AtnaExportComponent.class);

    private final ExportEngine engine;

    @Activate
    public AtnaExportComponent(BundleContext context, @Reference AuditLog log, @Reference AuditTrail trail,
            @Reference GatewayIdentity identity, AtnaExportConfig config) {
        ExportSettings settings;
        try {
            settings = ExportSettings.from(config, context.getProperty(DataDirectory.PROPERTY),
                    String.valueOf(ProcessHandle.current().pid()));
        } catch (IllegalArgumentException e) {
            LOG.error("Audit export configuration {} refused: {}", PID, e.getMessage());
            throw e;
        }
        engine = new ExportEngine(settings, log, () -> trail, () -> identity, Clock.systemUTC(), new SecureRandom())
                .start();
        LOG.info("Audit export to {} started", settings.collector());
    }

    @Deactivate
    void deactivate() {
        engine.close();
    }

    @Override
    public AtnaExportStatus status() {
        return engine.status();
    }
}
