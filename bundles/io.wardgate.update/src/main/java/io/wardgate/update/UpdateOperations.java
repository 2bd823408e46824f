package io.wardgate.update;

import io.wardgate.api.manage.ManagementContext;
import io.wardgate.api.manage.ManagementOperation;
import io.wardgate.api.manage.ManagementRequest;
import io.wardgate.api.manage.StatusContribution;
import io.wardgate.update.api.InstallResult;
import io.wardgate.update.api.IntegrityReport;
import io.wardgate.update.api.UpdateInstaller;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The remote-management face of updates: {@code update.install} (the package arrives as a signed
 * upload), {@code update.status} (installed version and the start-time integrity check) and
 * {@code restart}. Anything but a clean install is an error reply, so IT's client exits non-zero.
 * The same figures form the "update" section of the status reply; integrity mismatches are its alarms.
 */
@Component(service = {ManagementOperation.class, StatusContribution.class}, property = {
        StatusContribution.NAME + "=update",
        ManagementOperation.OPERATION + "=" + UpdateOperations.INSTALL,
        ManagementOperation.OPERATION + "=" + UpdateOperations.STATUS,
        ManagementOperation.OPERATION + "=" + UpdateOperations.RESTART})
public final class UpdateOperations implements ManagementOperation, StatusContribution {
    static final String INSTALL = "update.install";
    static final String STATUS = "update.status";
    static final String RESTART = "restart";
    /** Long enough for the signed reply to leave before the framework stops. */
    static final long RESTART_DELAY_MILLIS = 2_000;

    private final UpdateInstaller installer;

    @Activate
    public UpdateOperations(@Reference UpdateInstaller installer) {
        this.installer = installer;
    }

    @Override
    public Map<String, Object> run(ManagementRequest request, ManagementContext context) {
        return switch (request.operation()) {
            case INSTALL -> install(request, context);
            case STATUS -> status();
            case RESTART -> {
                installer.restart(request.actor(), RESTART_DELAY_MILLIS);
                yield Map.of("restart", "in " + RESTART_DELAY_MILLIS + " ms");
            }
            default -> throw new IllegalArgumentException("not an update operation: " + request.operation());
        };
    }

    private Map<String, Object> install(ManagementRequest request, ManagementContext context) {
        AtomicInteger steps = new AtomicInteger();
        InstallResult result = installer.install(context.upload(), request.actor(),
                line -> context.progress(line, Math.min(90, 10 * steps.incrementAndGet())));
        switch (result.outcome()) {
            case INSTALLED -> {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("package", result.packageName());
                out.put("version", result.packageVersion());
                out.put("bundles", result.bundles());
                return out;
            }
            case REFUSED -> throw new IllegalArgumentException("update refused: " + result.reason());
            case ROLLED_BACK -> throw new IllegalStateException("update rolled back: " + result.reason());
            default -> throw new IllegalStateException("update failed: " + result.reason());
        }
    }

    @Override
    public List<String> alarms() {
        return installer.integrity().mismatches();
    }

    @Override
    public Map<String, Object> status() {
        IntegrityReport integrity = installer.integrity();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("installedVersion", installer.installedVersion());
        out.put("integrity", integrity.ok() ? "ok" : "mismatch");
        out.put("checkedAt", integrity.checkedAt().toString());
        out.put("mismatches", integrity.mismatches());
        out.put("notes", integrity.notes());
        return out;
    }
}
