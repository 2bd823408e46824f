package io.wardgate.time.check;

import io.wardgate.api.time.ClockState;
import io.wardgate.check.CheckResult;
import io.wardgate.check.Installation;
import io.wardgate.check.Probe;
import io.wardgate.time.ClockObserver;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The "clock" check of `wardgate check` (requirement S19): passes when the kernel says the clock is
 * synchronised, fails with what was found otherwise (readings would carry unverified times).
 */
public final class ClockProbe implements Probe {
    private final Supplier<ClockState> state;

    public ClockProbe(Supplier<ClockState> state) {
        this.state = Objects.requireNonNull(state, "state");
    }

    /** The running system's clock, looked at when the check runs. */
    public static ClockProbe system() {
        ClockObserver observer = ClockObserver.system(Clock.systemUTC());
        return new ClockProbe(observer::observe);
    }

    @Override
    public String id() {
        return "clock";
    }

    @Override
    public CheckResult run(Installation installation) {
        ClockState now = state.get();
        return switch (now.synchronisation()) {
            case SYNCHRONISED -> CheckResult.pass(id(), "S19", "clock synchronised: " + now.detail());
            case UNSYNCHRONISED -> CheckResult.fail(id(), "S19", "clock not synchronised: " + now.detail()
                    + "; configure NTP (docs/install.md, \"Time\"): until then reading times are not verified");
            case UNKNOWN -> CheckResult.skipped(id(), "S19", now.detail());
        };
    }
}
