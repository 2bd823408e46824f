package io.wardgate.config.internal;

import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.api.pipeline.AuditEvent.Outcome;
import io.wardgate.api.pipeline.AuditTrail;
import io.wardgate.config.files.ConfigDirectory;
import io.wardgate.config.files.Repair;
import java.time.Clock;
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

    @Activate
    public RepairAuditComponent(@Reference StartRepairs found, @Reference AuditTrail audit) {
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
