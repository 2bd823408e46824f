package io.wardgate.bench.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole-gateway benchmark (docs/benchmarks.md, "Whole gateway"): rate steps secured and baseline,
 * the fixed batching-window curve, the broker outage scenario and the crash-loss kills; prints a table and writes result.json.
 *
 * <pre>java -cp ... io.wardgate.bench.e2e.GatewayBenchmark TOP_DIR [key=value ...]</pre>
 */
public final class GatewayBenchmark {
    private GatewayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println(BenchOptions.USAGE);
            System.exit(2);
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(Path.of(args[0]).toAbsolutePath(),
                    java.util.Arrays.copyOfRange(args, 1, args.length));
        } catch (IllegalArgumentException e) {
            System.err.println("e2e: " + e.getMessage() + "\n" + BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        Results results = run(options);
        System.out.print(Report.table(results));
        System.out.println("e2e: result written to " + options.result());
        System.exit(0);
    }

    /** Runs every scenario the options ask for. */
    static Results run(BenchOptions options) throws Exception {
        Step.clean(options.work());
        Files.createDirectories(options.work());
        List<StepResult> steps = new ArrayList<>();
        List<StepResult> curve = new ArrayList<>();
        StepResult outage = null;
        List<CrashLoss.Kill> kills = List.of();
        try (Ward ward = new Ward(options.work().resolve("ward"), options.serialDevices(),
                options.brokerMaxInflight())) {
            for (int rate : options.rates()) {
                steps.add(step(options, ward, "secured", rate, options.defaultWindow(), options.seconds(), 0));
                save(options, steps, curve, null);
                if (options.baseline()) {
                    steps.add(step(options, ward, "baseline", rate, options.defaultWindow(), options.seconds(), 0));
                    save(options, steps, curve, null);
                }
            }
            for (int window : options.windows()) {
                curve.add(step(options, ward, "secured", options.windowRate(), window, options.seconds(), 0));
                save(options, steps, curve, null);
            }
            if (options.outageSeconds() > 0) {
                outage = step(options, ward, "secured", options.outageRate(), options.defaultWindow(), 0,
                        options.outageSeconds());
                save(options, steps, curve, outage);
            }
            if (options.kills() > 0) {
                kills = CrashLoss.run(options, ward);
            }
        }
        return save(options, steps, curve, outage, kills);
    }

    /** Writes what was measured so far, so an interrupted run keeps its finished steps. */
    private static Results save(BenchOptions options, List<StepResult> steps, List<StepResult> curve,
            StepResult outage) throws java.io.IOException {
        return save(options, steps, curve, outage, List.of());
    }

    private static Results save(BenchOptions options, List<StepResult> steps, List<StepResult> curve,
            StepResult outage, List<CrashLoss.Kill> kills) throws java.io.IOException {
        Results results = new Results(Machine.describe(), options, List.copyOf(steps), List.copyOf(curve), outage,
                List.copyOf(kills));
        Files.createDirectories(options.result().getParent());
        Files.writeString(options.result(), Report.json(results));
        Files.writeString(options.result().resolveSibling("result.txt"), Report.table(results));
        return results;
    }

    private static StepResult step(BenchOptions options, Ward ward, String mode, int rate, int window, int seconds,
            int outage) throws Exception {
        String name = String.format("%02d-%s-%d-w%d%s", ward.nextStep(), mode, rate, window,
                outage > 0 ? "-outage" + outage : "");
        System.out.println("e2e: " + name + " ...");
        StepResult result = new Step(options, ward, name, mode, rate, window, seconds, outage).run();
        System.out.println("e2e: " + name + ": " + Report.summary(result));
        return result;
    }

    /** Everything one invocation measured. */
    record Results(String machine, BenchOptions options, List<StepResult> steps, List<StepResult> curve,
            StepResult outage, List<CrashLoss.Kill> kills) {
    }
}
