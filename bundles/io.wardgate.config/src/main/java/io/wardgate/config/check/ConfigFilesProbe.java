package io.wardgate.config.check;

import io.wardgate.check.CheckResult;
import io.wardgate.check.Installation;
import io.wardgate.check.Probe;
import io.wardgate.config.files.ConfigDirectory;
import io.wardgate.config.files.Repair;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Component;

/**
 * The "config-files" check (requirement S9): fails when a configuration file is empty, full of zero
 * bytes or cut short and has no good copy to be restored from, naming the files; a damaged file with
 * a good copy passes with a note (the gateway restores it at its next start). `wardgate check` uses it
 * directly; in the appliance it is a service of the self-check (it needs nothing but the directory).
 */
@Component(service = Probe.class)
public final class ConfigFilesProbe implements Probe {

    @Override
    public String id() {
        return "config-files";
    }

    @Override
    public CheckResult run(Installation installation) {
        if (installation.conf() == null || !Files.isDirectory(installation.conf())) {
            return CheckResult.skipped(id(), "S9", "no configuration directory at " + installation.conf());
        }
        ConfigDirectory directory = new ConfigDirectory(installation.conf());
        try {
            List<Repair> damaged = directory.inspect();
            String lost = damaged.stream().filter(r -> !r.restored())
                    .map(r -> r.file().getFileName() + " is " + r.detail()).collect(Collectors.joining("; "));
            if (!lost.isEmpty()) {
                return CheckResult.fail(id(), "S9", lost + "; no good copy exists: restore the file from a backup"
                        + " (an intentionally empty file needs one comment line)");
            }
            String restorable = damaged.stream().map(r -> r.file().getFileName() + " is " + r.detail())
                    .collect(Collectors.joining("; "));
            return CheckResult.pass(id(), "S9", directory.count() + " configuration files complete"
                    + (restorable.isEmpty() ? "" : "; " + restorable + ": restored from its last good copy at the next start"));
        } catch (IOException e) {
            return CheckResult.fail(id(), "S9", "configuration directory unreadable: " + e.getClass().getSimpleName());
        }
    }
}
