package io.wardgate.bench.nodered;

import io.wardgate.bench.e2e.SerialWard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * WardGate next to Node-RED on the same serial ward (docs/benchmarks.md, "Node-RED comparison";
 * issue #25 item 5): N Masimo simulators on pseudo-terminals at 1 line/s, the same mutual-TLS
 * mosquitto; Node-RED first, then WardGate with its defaults, each alone on the ports.
 *
 * <pre>java -cp ... io.wardgate.bench.nodered.Comparison TOP_DIR NODE_RED_HOME [key=value ...]</pre>
 */
public final class Comparison {
    static final String USAGE = """
            usage: benchmarks/nodered.sh [key=value ...]
              devices=20       Masimo Radical-7 simulators on pseudo-terminals (1 line/s each)
              warmUp=60        seconds after the first forwarded reading before measuring (steady state:
                               both runtimes still compile and settle for tens of seconds after start)
              seconds=60       measuring window per gateway
              jvm=<the shipped options>
              jar=distrib/appliance/target/wardgate.jar
              work=benchmarks/soak/target/nodered   working directory (emptied)
              gateways=nodered,wardgate   which to measure, in this order (one alone: profiling)
            """;

    private Comparison() {
    }

    public static void main(String[] args) throws Exception {
        java.util.logging.Logger.getLogger("org.eclipse.paho").setLevel(java.util.logging.Level.OFF);
        if (args.length < 2) {
            System.err.println(USAGE);
            System.exit(2);
        }
        Path top = Path.of(args[0]).toAbsolutePath();
        Path home = Path.of(args[1]).toAbsolutePath();
        Map<String, String> values = new LinkedHashMap<>();
        for (String arg : Arrays.copyOfRange(args, 2, args.length)) {
            int eq = arg.indexOf('=');
            if (eq < 1 || !List.of("devices", "warmUp", "seconds", "jvm", "jar", "work", "gateways").contains(arg.substring(0, eq))) {
                System.err.println("nodered: unknown option " + arg + "\n" + USAGE);
                System.exit(2);
            }
            values.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        int devices = Integer.parseInt(values.getOrDefault("devices", "20"));
        int warmUp = Integer.parseInt(values.getOrDefault("warmUp", "60"));
        int seconds = Integer.parseInt(values.getOrDefault("seconds", "60"));
        if (devices < 1 || devices > 99 || warmUp < 0 || warmUp > 3600 || seconds < 5 || seconds > 86_400) {
            System.err.println("nodered: devices 1 to 99, warmUp 0 to 3600, seconds 5 to 86400\n" + USAGE);
            System.exit(2);
        }
        Path jar = top.resolve(values.getOrDefault("jar", "distrib/appliance/target/wardgate.jar"));
        List<String> jvm = values.containsKey("jvm")
                ? Arrays.stream(values.get("jvm").trim().split("\\s+")).filter(s -> !s.isEmpty()).toList()
                : io.wardgate.testkit.ShippedJvm.forJar(top, jar.toAbsolutePath());
        List<String> gateways = List.of(values.getOrDefault("gateways", "nodered,wardgate").split(","));
        if (gateways.isEmpty() || !List.of("nodered", "wardgate").containsAll(gateways)) {
            System.err.println("nodered: gateways is nodered, wardgate or both\n" + USAGE);
            System.exit(2);
        }
        Path work = top.resolve(values.getOrDefault("work", "benchmarks/soak/target/nodered"));
        clean(work);
        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        List<SerialWard.Figures> figures = new ArrayList<>();
        try (SerialWard ward = new SerialWard(work, devices)) {
            System.out.println("nodered: " + devices + " Masimo simulators plugged in");
            for (String gateway : gateways) {
                System.out.println("nodered: measuring " + gateway + " ...");
                figures.add(gateway.equals("nodered")
                        ? NodeRed.measure(ward, home, top.resolve("benchmarks/nodered/settings.js"), work, warmUp, seconds)
                        : ward.measureWardGate(top, jar, jvm, warmUp, seconds));
            }
        }
        StringBuilder table = new StringBuilder();
        table.append(String.format("%n%d serial devices at 1 line/s, %d s window after %d s warm-up; load average at the"
                + " start: %s%n", devices, seconds, warmUp, load));
        table.append(String.format("%-20s %10s %9s %9s %9s %9s %9s %9s %9s%n", "gateway", "start (s)", "readings",
                "p50 ms", "p99 ms", "max ms", "CPU %", "RSS MiB", "HWM MiB"));
        for (SerialWard.Figures f : figures) {
            table.append(String.format("%-20s %10.2f %9d %9.1f %9.1f %9.1f %9.1f %9.1f %9.1f%n", f.name(),
                    f.startupSeconds(), f.readings(), f.p50(), f.p99(), f.max(), f.cpuPercent(), f.rssKib() / 1024.0,
                    f.hwmKib() / 1024.0));
        }
        System.out.print(table);
        Files.writeString(work.resolve("result.txt"), table.toString());
        System.out.println("nodered: result written to " + work.resolve("result.txt"));
        System.exit(0);
    }

    private static void clean(Path dir) throws java.io.IOException {
        if (Files.exists(dir)) {
            try (var tree = Files.walk(dir)) {
                for (Path path : tree.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(dir);
    }
}
