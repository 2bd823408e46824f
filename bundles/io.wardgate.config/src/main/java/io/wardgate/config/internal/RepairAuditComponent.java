package io.wardgate.config.internal;

import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.api.pipeline.AuditEvent.Outcome;
import io.wardgate.api.pipeline.AuditTrail;
import io.wardgate.config.files.ConfigDirectory;
import io.wardgate.config.files.Repair;
import java.time.Clock;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Audits what the start-time check found, once the audit trail runs: CONFIG_FILE_RESTORED for a
 * file put back from its last good copy, CONFIG_FILE_DAMAGED for one that had none. Names the file
 * and the damage, never a value.
 */
@Component(immediate = true, service = RepairAuditComponent.class)
public final class RepairAuditComponent {

    /**
     * The guard's findings are looked up, not referenced: a DS reference would make the resolver look
     * for a bundle declaring that service, and the guard registers it from its activator, which has
     * run before SCR sees this bundle.
     */
    @Activate
    public RepairAuditComponent(BundleContext context, @Reference AuditTrail audit) {
        ServiceReference<StartRepairs> reference = context.getServiceReference(StartRepairs.class);
        StartRepairs found = reference == null ? null : context.getService(reference);
        if (found == null) {
            return;
        }
        Clock clock = Clock.systemUTC();
        for (Repair repair : found.repairs()) {
            String file = repair.file().getFileName().toString();
            audit.record(repair.restored()
                    ? new AuditEvent(clock.instant(), "system", "CONFIG_FILE_RESTORED", file, Outcome.SUCCESS,
                            "was " + repair.detail() + " at start; restored from " + ConfigDirectory.lastGood(repair.file()).getFileName())
                    : new AuditEvent(clock.instant(), "system", "CONFIG_FILE_DAMAGED", file, Outcome.FAILURE,
                            "is " + repair.detail() + " and has no good copy; the configuration is what the file holds"));
        }
    }
}
