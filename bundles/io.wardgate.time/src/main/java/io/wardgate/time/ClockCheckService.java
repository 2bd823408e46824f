package io.wardgate.time;

import io.wardgate.api.time.ClockStatus;
import io.wardgate.check.CheckResult;
import io.wardgate.check.Installation;
import io.wardgate.check.Probe;
import io.wardgate.time.check.ClockProbe;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The clock check in the appliance's self-check, from the state the component last read. */
@Component(service = Probe.class)
public final class ClockCheckService implements Probe {
    private final ClockProbe probe;

    @Activate
    public ClockCheckService(@Reference ClockStatus clock) {
        this.probe = new ClockProbe(clock::current);
    }

    @Override
    public String id() {
        return probe.id();
    }

    @Override
    public CheckResult run(Installation installation) {
        return probe.run(installation);
    }
}
