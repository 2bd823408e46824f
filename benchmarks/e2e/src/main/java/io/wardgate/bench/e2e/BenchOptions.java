package io.wardgate.bench.e2e;

import io.wardgate.testkit.ShippedJvm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's parameters, given as key=value arguments (defaults: the full run of
 * docs/benchmarks.md). Durations in seconds, rates in readings/s (numerics plus waveform samples).
 */
record BenchOptions(Path top, Path work, Path result, int devices, int serialDevices, List<Integer> rates,
        int seconds, boolean baseline, List<Integer> windows, int windowRate, int defaultWindow, int outageSeconds,
        int outageRate, int outageLeadSeconds, int outageTailSeconds, int drainTimeoutSeconds, String jvm, boolean jfr, int idlePollMillis, Path jar, int tickMillis,
        int alarmEveryMillis, int kills, List<Integer> killWindows, long killSeed, int killOffset,
        boolean openDuringDrain, int brokerMaxInflight, int outboxMiB, boolean warm) {

    static final String USAGE = """
            usage: benchmarks/e2e.sh [key=value ...]
              devices=30            in-process (load-source) devices
              serial=3              simulated serial devices on pseudo-terminals (IntelliVue, Masimo, Nonin)
              rates=30000,60000,100000   load steps, readings/s (numerics + waveform samples), secured then baseline
              seconds=30            load time per step
              baseline=true         also run every rate against the plain-MQTT baseline
              windows=10,50,200,1000     fixed batching windows (ms, batchAdaptive=false) for the curve (empty: none)
              windowRate=30000      load during the curve
              window=0              the sealer for the rate steps and the outage: 0 = the product default (adaptive
                                    batching, 1000 ms upper bound); N = the old fixed window of N ms
              outage=600            broker outage, seconds (0: no outage scenario)
              outageRate=30000      load during the outage scenario
              outageLead=10         seconds of load before the broker stops
              outageTail=0          seconds of load after the restart (0: max(20, outage/2), room to see 2x)
              drainTimeout=900      give up waiting for the receiver this long after the load ends
              outboxMiB=0           the outbox's capacityBytes in MiB for this run (0: the product default), e.g. to
                                    see a full outbox evict during a short outage
              jvm=<the shipped options>
              idlePoll=0            the uplink's idle poll (ms) for this run; 0: the product default
              tick=100              the load source submits each device's readings every this many ms (5 to 1000)
              alarmEvery=0          every this many ms one load device raises or ends an alarm (0: none); the
                                    outage line then gives alarm latency during the drain (docs/alarms.md)
              openDuringDrain=false the outage's receiver opens (decrypts, verifies) envelopes as they arrive, on
                                    this machine's cores while the gateway drains; false: after the drain, as
                                    with a backend on another machine (every figure uses arrival times)
              brokerInflight=100    the TLS broker's max_inflight_messages, the Receive Maximum the uplink's window
                                    follows (docs/operations.md recommends 100; 0: mosquitto's default, 20)
              jar=distrib/appliance/target/wardgate.jar   the appliance to measure (e.g. a build from before a change)
              kills=0               crash-loss scenario: this many kill -9 of the gateway per entry of killWindows,
                                    20 devices at one 4-numeric line per second each; readings lost per kill
              killWindows=0,1000    sealer for the kills: 0 = product default (adaptive), N = fixed N ms window
              killSeed=1            seed of the random kill moments (reproducible runs)
              killOffset=-1         -1: kill at a random moment; N: N ms after a tick (the worst moments: 0 to 50)
              warm=false            start every step's gateway warm, as an installed gateway restarts: its framework
                                    storage prepared by one start without configuration (bundles installed and
                                    resolved); false: on empty storage (cold, as a first start after install)
              jfr=false             record the gateway with Java Flight Recorder (one .jfr per step)
              work=target/e2e       working directory (emptied); result=<work>/result.json
            """;

    static BenchOptions parse(Path top, String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("not key=value: " + arg);
            }
            values.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        List<String> known = List.of("devices", "serial", "rates", "seconds", "baseline", "windows", "windowRate",
                "window", "outage", "outageRate", "outageLead", "outageTail", "drainTimeout", "jvm", "jfr", "work", "result",
                "idlePoll", "jar", "tick", "alarmEvery", "kills", "killWindows", "killSeed", "killOffset",
                "openDuringDrain", "brokerInflight", "outboxMiB", "warm");
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown option " + key);
            }
        }
        Path work = top.resolve(values.getOrDefault("work", "benchmarks/e2e/target/e2e")).toAbsolutePath();
        Path result = values.containsKey("result") ? Path.of(values.get("result")).toAbsolutePath()
                : work.resolve("result.json");
        Path jar = top.resolve(values.getOrDefault("jar", "distrib/appliance/target/wardgate.jar")).toAbsolutePath();
        return new BenchOptions(top, work, result, integer(values, "devices", 30, 1, 10_000),
                integer(values, "serial", 3, 0, 3), integers(values.getOrDefault("rates", "30000,60000,100000")),
                integer(values, "seconds", 30, 1, 86_400), Boolean.parseBoolean(values.getOrDefault("baseline", "true")),
                integers(values.getOrDefault("windows", "10,50,200,1000")), integer(values, "windowRate", 30_000, 1,
                        10_000_000), integer(values, "window", 0, 0, 60_000), integer(values, "outage", 600, 0,
                        86_400), integer(values, "outageRate", 30_000, 1, 10_000_000),
                integer(values, "outageLead", 10, 1, 3600), integer(values, "outageTail", 0, 0, 86_400),
                integer(values, "drainTimeout", 900, 5, 86_400),
                values.getOrDefault("jvm", String.join(" ", ShippedJvm.forJar(top, jar))),
                Boolean.parseBoolean(values.getOrDefault("jfr", "false")), integer(values, "idlePoll", 0, 0, 5000),
                jar,
                integer(values, "tick", 100, 5, 1000), integer(values, "alarmEvery", 0, 0, 3_600_000),
                integer(values, "kills", 0, 0, 1000), integers(values.getOrDefault("killWindows", "0,1000")),
                Long.parseLong(values.getOrDefault("killSeed", "1")), integer(values, "killOffset", -1, -1, 999),
                Boolean.parseBoolean(values.getOrDefault("openDuringDrain", "false")),
                integer(values, "brokerInflight", Ward.RECOMMENDED_MAX_INFLIGHT, 0, 65_535),
                integer(values, "outboxMiB", 0, 0, 1_048_576),
                Boolean.parseBoolean(values.getOrDefault("warm", "false")));
    }

    private static int integer(Map<String, String> values, String key, int otherwise, int min, int max) {
        int value = values.containsKey(key) ? Integer.parseInt(values.get(key).trim()) : otherwise;
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + " must be " + min + " to " + max);
        }
        return value;
    }

    private static List<Integer> integers(String list) {
        List<Integer> out = new ArrayList<>();
        Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(s -> out.add(Integer.parseInt(s)));
        return List.copyOf(out);
    }

    List<String> jvmArguments() {
        return Arrays.stream(jvm.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }
}
