package io.wardgate.bench.soak;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The soak's parameters as key=value arguments; the defaults are issue #25's full soak. */
record SoakOptions(Path top, Path work, Path jar, int kills, int rate, int devices, int serial, int tickMillis,
        int windowMillis, double maxUpSeconds, double startupShare, double drainShare, double outageMaxSeconds, long seed, String jvm) {

    static final String USAGE = """
            usage: benchmarks/soak.sh [key=value ...]
              kills=100        SIGKILLs of the gateway process, each followed by a restart on the same data
              rate=30000       load, readings/s (numerics + waveform samples) from the benchmark load source
              devices=30       load-source devices
              serial=0         simulated serial devices on pseudo-terminals as well (0 to 3)
              tick=100         the load source submits each device's readings every this many ms
              window=0         the sealer's batching: 0 = the product default (adaptive), N = the old fixed
                               window of N ms (batchAdaptive=false)
              maxUp=10         a plain cycle kills at a uniformly random moment 0.2 to maxUp s into the load
              startupShare=0.15  share of plain cycles that kill during the start-up instead (before the load
                               runs: while the framework starts, the outbox opens, the uplink connects)
              drainShare=0.3   share of cycles that stop the broker for 1 to outageMax s, start it again
                               and kill 0 to 4 s later, while the backlog drains
              outageMax=8      longest broker outage (s)
              seed=<random>    random seed (printed; give it to repeat a run's kill moments)
              jvm=<the shipped options>
              jar=distrib/appliance/target/wardgate.jar
              work=benchmarks/soak/target/soak   working directory (emptied)
            """;

    static SoakOptions parse(Path top, String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("not key=value: " + arg);
            }
            values.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        List<String> known = List.of("kills", "rate", "devices", "serial", "tick", "window", "maxUp", "startupShare", "drainShare",
                "outageMax", "seed", "jvm", "jar", "work");
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown option " + key);
            }
        }
        Path jar = top.resolve(values.getOrDefault("jar", "distrib/appliance/target/wardgate.jar")).toAbsolutePath();
        return new SoakOptions(top,
                top.resolve(values.getOrDefault("work", "benchmarks/soak/target/soak")).toAbsolutePath(),
                jar,
                integer(values, "kills", 100, 1, 100_000), integer(values, "rate", 30_000, 1, 10_000_000),
                integer(values, "devices", 30, 1, 10_000), integer(values, "serial", 0, 0, 3),
                integer(values, "tick", 100, 5, 1000), integer(values, "window", 0, 0, 60_000),
                decimal(values, "maxUp", 10, 1, 3600), decimal(values, "startupShare", 0.15, 0, 1),
                decimal(values, "drainShare", 0.3, 0, 1),
                decimal(values, "outageMax", 8, 1, 3600),
                values.containsKey("seed") ? Long.parseLong(values.get("seed")) : new java.security.SecureRandom().nextLong(),
                values.getOrDefault("jvm", String.join(" ", io.wardgate.testkit.ShippedJvm.forJar(top, jar))));
    }

    private static int integer(Map<String, String> values, String key, int otherwise, int min, int max) {
        int value = values.containsKey(key) ? Integer.parseInt(values.get(key).trim()) : otherwise;
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + " must be " + min + " to " + max);
        }
        return value;
    }

    private static double decimal(Map<String, String> values, String key, double otherwise, double min, double max) {
        double value = values.containsKey(key) ? Double.parseDouble(values.get(key).trim()) : otherwise;
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(key + " must be " + min + " to " + max);
        }
        return value;
    }

    List<String> jvmArguments() {
        return Arrays.stream(jvm.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }
}
