package io.wardgate.config.internal;

import io.wardgate.check.CheckResult;
import io.wardgate.check.Installation;
import io.wardgate.check.Probe;
import io.wardgate.config.check.ConfigFilesProbe;
import org.osgi.service.component.annotations.Component;

/** The configuration-file check in the appliance's self-check. */
@Component(service = Probe.class)
public final class ConfigFilesCheckService implements Probe {
    private final ConfigFilesProbe probe = new ConfigFilesProbe();

    @Override
    public String id() {
        return probe.id();
    }

    @Override
    public CheckResult run(Installation installation) {
        return probe.run(installation);
    }
}
