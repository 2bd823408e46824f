package io.wardgate.audit.syslog;

import io.wardgate.audit.syslog.api.AtnaExport;
import io.wardgate.audit.syslog.api.AtnaExportStatus;
import io.wardgate.api.manage.StatusContribution;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

/**
 * The export's progress as the "atna" section of remote management's status reply; its alarm as an
 * alarm. Configured by the export's own PID, so that it exists exactly when the export does.
 */
@Component(service = StatusContribution.class, property = StatusContribution.NAME + "=atna",
        configurationPid = AtnaExportComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class AtnaExportStatusSection implements StatusContribution {
    private final AtnaExport export;

    @Activate
    public AtnaExportStatusSection(@Reference AtnaExport export) {
        this.export = export;
    }

    @Override
    public Map<String, Object> status() {
        AtnaExportStatus status = export.status();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("collector", status.collector());
        out.put("confirmedSequence", status.confirmedSequence());
        out.put("behind", status.behind());
        out.put("resentMessages", status.resentMessages());
        out.put("droppedBeforeExport", status.droppedBeforeExport());
        out.put("lastConfirmed", status.lastConfirmed() == null ? "never" : status.lastConfirmed().toString());
        out.put("lastError", status.lastError());
        return out;
    }

    @Override
    public List<String> alarms() {
        String alarm = export.status().alarm();
        return alarm.isEmpty() ? List.of() : List.of(alarm);
    }
}
