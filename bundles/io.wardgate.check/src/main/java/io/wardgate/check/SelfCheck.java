package io.wardgate.check;

import io.wardgate.check.internal.BuiltInProbes;
import java.util.ArrayList;
import java.util.List;

/** Runs the built-in probes, then any contributed ones, and collects their results. */
public final class SelfCheck {
    private final List<Probe> probes;

    private SelfCheck(List<Probe> probes) {
        this.probes = List.copyOf(probes);
    }

    /** The built-in checks, then {@code contributed} (e.g. the audit trail's chain verification). */
    public static SelfCheck withBuiltIns(List<Probe> contributed) {
        List<Probe> all = new ArrayList<>(BuiltInProbes.all());
        all.addAll(contributed);
        if (all.stream().noneMatch(p -> p.id().equals("audit-chain"))) {
            all.add(BuiltInProbes.auditChainAbsent());
        }
        return new SelfCheck(all);
    }

    public Report run(Installation installation) {
        List<CheckResult> results = new ArrayList<>();
        for (Probe probe : probes) {
            try {
                results.add(probe.run(installation));
            } catch (RuntimeException e) {
                // A broken probe is a failed check, never a crashed self-check.
                results.add(CheckResult.fail(probe.id(), "-", "the check itself failed: " + e.getClass().getSimpleName()));
            }
        }
        return new Report(results);
    }
}
