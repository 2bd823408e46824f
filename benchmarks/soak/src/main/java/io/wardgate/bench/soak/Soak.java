package io.wardgate.bench.soak;

import io.wardgate.bench.e2e.SoakWard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * The kill -9 soak (issue #25 item 7; docs/benchmarks.md "Kill -9 soak"). One gateway directory,
 * N cycles of: start the appliance, let it run under the load, SIGKILL it at a random moment (in
 * some cycles after a broker outage, while the backlog drains), then read what its outbox recorded
 * as stored. A last run without a kill lets everything drain. Passes only if the receiver accepted
 * every recorded envelope exactly once, with no sequence gap. Exit status 0 pass, 1 fail, 2 usage.
 *
 * <pre>java -cp ... io.wardgate.bench.soak.Soak TOP_DIR [key=value ...]</pre>
 */
public final class Soak {
    private static final int DRAIN_DEPTH = 20;
    private final SoakOptions options;
    private final SplittableRandom random; // seeded: a run can be repeated
    private final Ledger ledger = new Ledger();
    private int drainKills;
    private int drainCycles;
    private int emptiedConfigs;
    private int killsDone;
    private final java.util.Set<Integer> noted = new java.util.HashSet<>();
    private int startupKills;
    private long deepestKill;
    private double lastStartup = 3;

    private Soak(SoakOptions options) {
        this.options = options;
        this.random = new SplittableRandom(options.seed());
    }

    /** Paho logs a reset connection at SEVERE whenever the broker stops on purpose; keep the summary readable. */
    private static final java.util.logging.Logger PAHO = java.util.logging.Logger.getLogger("org.eclipse.paho");

    public static void main(String[] args) throws Exception {
        PAHO.setLevel(java.util.logging.Level.OFF);
        if (args.length > 1 && args[1].equals("help")) {
            System.out.print(SoakOptions.USAGE);
            System.exit(0);
        }
        SoakOptions options;
        try {
            options = SoakOptions.parse(Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath(),
                    java.util.Arrays.copyOfRange(args, Math.min(1, args.length), args.length));
        } catch (IllegalArgumentException e) {
            System.err.println("soak: " + e.getMessage() + "\n" + SoakOptions.USAGE);
            System.exit(2);
            return;
        }
        if (!Files.isRegularFile(options.jar())) {
            System.err.println("soak: " + options.jar() + " is missing; build first");
            System.exit(2);
        }
        System.exit(new Soak(options).run() ? 0 : 1);
    }

    private boolean run() throws Exception {
        clean(options.work());
        say("seed=" + options.seed() + " kills=" + options.kills() + " rate=" + options.rate() + "/s devices="
                + options.devices() + " serial=" + options.serial() + " window=" + (options.windowMillis() == 0 ? "adaptive" : options.windowMillis() + " ms"));
        long started = System.nanoTime();
        String failure = null;
        Subscriber subscriber = null;
        try (SoakWard ward = SoakWard.open(options.top(), options.work(), options.serial())) {
            subscriber = new Subscriber(ward, ledger);
            for (int kill = 1; kill <= options.kills() && failure == null; kill++) {
                failure = cycle(ward, kill);
                killsDone = kill;
            }
            if (failure == null) {
                failure = finish(ward, subscriber);
            }
            return report(subscriber, failure, (System.nanoTime() - started) / 1e9);
        } finally {
            if (subscriber != null) {
                subscriber.close();
            }
        }
    }

    /** One start and one SIGKILL; a failure text, or null. */
    private String cycle(SoakWard ward, int kill) throws Exception {
        Path logs = options.work().resolve(String.format("runs/%03d", kill));
        // FileInstall writes configuration files back in place; a SIGKILL during such a write leaves
        // the file empty (seen in the first 100-kill run) and the gateway without an uplink. That is
        // counted and reported, and the files are written afresh, so the soak goes on testing the data path.
        List<String> empty = ward.emptyConfigFiles();
        if (!empty.isEmpty()) {
            emptiedConfigs++;
            say("before run " + kill + ": configuration files found empty after the kill: " + empty);
        }
        ward.configure(options.devices(), options.rate(), 86_400, options.tickMillis(), options.windowMillis());
        boolean drain = random.nextDouble() < options.drainShare();
        String how;
        long depth;
        SoakWard.Running gateway = ward.start(options.jar(), logs, options.jvmArguments());
        long spawned = System.nanoTime();
        try {
            if (drain) {
                if (!await(() -> gateway.loadStartedMillis() > 0 || !gateway.alive(), 120)
                        && noLoad(ward, kill, logs) != null) {
                    return noLoad(ward, kill, logs);
                }
                sleep(0.5 + random.nextDouble() * 2.5);
                double outage = 1 + random.nextDouble() * (options.outageMaxSeconds() - 1);
                ward.stopBroker();
                sleep(outage);
                long peak = gateway.outboxEnvelopes();
                ward.startBroker();
                // Kill mid-drain: once the depth has fallen to a random fraction of what the outage left
                // (the uplink first has to reconnect; the load keeps adding meanwhile).
                double fraction = random.nextDouble();
                await(() -> peak <= 0 || gateway.outboxEnvelopes() <= fraction * peak || !gateway.alive(), 60);
                drainCycles++;
                how = String.format("after a %.1f s broker outage (backlog %d, kill at <= %.0f %% of it)", outage, peak,
                        fraction * 100);
            } else if (random.nextDouble() < options.startupShare()) {
                // During the start-up: at a random point of a start-up as long as the previous one.
                double at = random.nextDouble() * Math.max(0.5, lastStartup);
                sleep(at - (System.nanoTime() - spawned) / 1e9);
                how = String.format("%.2f s after start (start-up)", at);
            } else {
                if (!await(() -> gateway.loadStartedMillis() > 0 || !gateway.alive(), 120)
                        && noLoad(ward, kill, logs) != null) {
                    return noLoad(ward, kill, logs);
                }
                lastStartup = (System.nanoTime() - spawned) / 1e9;
                double at = 0.2 + random.nextDouble() * (options.maxUpSeconds() - 0.2);
                sleep(at);
                how = String.format("%.2f s into the load", at);
            }
            if (!gateway.alive()) {
                return "run " + kill + ": the gateway exited on its own (" + logs + "/gateway.log)";
            }
            depth = gateway.outboxEnvelopes();
            boolean loading = gateway.loadStartedMillis() > 0;
            gateway.kill();
            if (!loading) {
                startupKills++;
            } else if (depth > DRAIN_DEPTH) {
                drainKills++;
            }
            deepestKill = Math.max(deepestKill, depth);
        } finally {
            gateway.close();
        }
        long queued = OutboxRecord.read(ward.data(), options.work().resolve("scratch"), ledger);
        say(String.format("kill %d/%d %s, outbox depth at the kill %s, %d envelopes queued after it; stored so far %d,"
                + " accepted %d", kill, options.kills(), how, depth < 0 ? "n/a" : String.valueOf(depth), queued,
                ledger.storedCount(), ledger.acceptedCount()));
        return null;
    }

    /**
     * The load did not start. When a configuration file went empty during this very run (seen once in
     * 60 kills: FileInstall's write-back during the start-up that followed a kill), that is counted as
     * such and the cycle's kill goes ahead; anything else stops the soak.
     */
    private String noLoad(SoakWard ward, int kill, Path logs) throws IOException {
        List<String> empty = ward.emptyConfigFiles();
        if (empty.isEmpty()) {
            return "run " + kill + ": the load did not start within 120 s (" + logs + "/gateway.log)";
        }
        if (!noted.contains(kill)) {
            noted.add(kill);
            emptiedConfigs++;
            say("run " + kill + ": the load did not start; configuration files went empty during the run: " + empty);
        }
        return null;
    }

    /** The last run: a short load, no kill; everything drains, then a normal stop. */
    private String finish(SoakWard ward, Subscriber subscriber) throws Exception {
        List<String> empty = ward.emptyConfigFiles();
        if (!empty.isEmpty()) {
            emptiedConfigs++;
            say("before the final run: configuration files found empty after the kill: " + empty);
        }
        ward.configure(options.devices(), options.rate(), 5, options.tickMillis(), options.windowMillis());
        Path logs = options.work().resolve("runs/final");
        try (SoakWard.Running gateway = ward.start(options.jar(), logs, options.jvmArguments())) {
            if (!await(() -> gateway.loadDone() || !gateway.alive(), 180)) {
                return "final run: the load did not finish (" + logs + "/gateway.log)";
            }
            await(() -> gateway.outboxEnvelopes() == 0 || !gateway.alive(), 600);
            if (!gateway.alive()) {
                return "final run: the gateway exited on its own (" + logs + "/gateway.log)";
            }
        }
        OutboxRecord.read(ward.data(), options.work().resolve("scratch"), ledger);
        say("final run stopped; waiting for the receiver to catch up");
        await(ledger::caughtUp, 180);
        // Late redeliveries, if any, would show up as duplicates: give them a moment.
        sleep(2);
        return null;
    }

    private boolean report(Subscriber subscriber, String failure, double seconds) {
        Ledger.Verdict verdict = ledger.verdict();
        boolean passed = failure == null && verdict.passed() && subscriber.rejected() == 0;
        System.out.println();
        System.out.println("soak: ==== " + (passed ? "PASS" : "FAIL") + " ====");
        System.out.printf("soak: %d kills in %.0f s (seed %d, %d readings/s, %d devices): %d after a broker outage,"
                + " %d with more than %d envelopes in the outbox, %d before the load started; deepest outbox at a"
                + " kill %d%n", killsDone, seconds, options.seed(), options.rate(),
                options.devices(), drainCycles, drainKills, DRAIN_DEPTH, startupKills, deepestKill);
        System.out.printf("soak: envelopes recorded as stored %d in %d device/epoch streams; accepted %d (%d readings);"
                + " receiver dropped %d redeliveries%n", verdict.stored(), verdict.streams(), verdict.accepted(),
                subscriber.readings(), subscriber.droppedDuplicates());
        System.out.printf("soak: missing inside a stream (gaps) %d, lost tails %d, accepted twice %d, accepted but never"
                + " recorded %d, outbox record decreased %d, receiver rejections %d%n", verdict.gaps(),
                verdict.lostTail(), verdict.duplicates(), verdict.unrecorded(), verdict.decreases(),
                subscriber.rejected());
        System.out.printf("soak: kills after which configuration files were found empty (FileInstall's in-place"
                + " write-back): %d of %d%n", emptiedConfigs, options.kills());
        if (failure != null) {
            System.out.println("soak: stopped early: " + failure);
        }
        if (subscriber.rejected() > 0) {
            System.out.println("soak: last rejection: " + subscriber.lastRejection());
        }
        verdict.examples().forEach(e -> System.out.println("soak:   " + e));
        return passed;
    }

    private static boolean await(BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    private static void sleep(double seconds) throws InterruptedException {
        if (seconds > 0) {
            Thread.sleep((long) (seconds * 1000));
        }
    }

    private static void say(String text) {
        System.out.println("soak: " + text);
    }

    private static void clean(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var tree = Files.walk(dir)) {
                for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(dir);
    }
}
