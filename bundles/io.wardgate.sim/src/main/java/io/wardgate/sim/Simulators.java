package io.wardgate.sim;

import io.wardgate.sim.intellivue.IntelliVueMonitor;
import io.wardgate.sim.intellivue.MonitorSettings;
import io.wardgate.sim.masimo.MasimoRadical;
import io.wardgate.sim.nonin.NoninOximeter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongFunction;

/**
 * A simulated device for each protocol name of {@link io.wardgate.protocol.Protocols}, seeded so
 * that runs repeat. Used by the demo, the benchmarks and capture-based tests.
 */
public final class Simulators {
    private static final Map<String, LongFunction<SimulatedDevice>> DEVICES = new TreeMap<>(Map.ofEntries(
            Map.entry("intellivue", seed -> new IntelliVueMonitor(MonitorSettings.mp70(serial("DE", seed), seed))),
            Map.entry("masimo", seed -> new MasimoRadical(serial("", seed), seed)),
            Map.entry("nonin-df7", seed -> new NoninOximeter(7, seed)),
            Map.entry("nonin-df8", seed -> new NoninOximeter(8, seed))));

    private Simulators() {
    }

    public static Optional<SimulatedDevice> forProtocol(String protocol, long seed) {
        return Optional.ofNullable(DEVICES.get(protocol)).map(factory -> factory.apply(seed));
    }

    /** A believable serial number derived from the seed, so each simulated device differs. */
    private static String serial(String prefix, long seed) {
        return prefix + String.format("%010d", Math.floorMod(seed * 2654435761L, 10_000_000_000L));
    }

    public static List<String> protocols() {
        return List.copyOf(DEVICES.keySet());
    }
}
