package io.wardgate.bench.e2e;

import io.wardgate.sim.SimulatorRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The crash-loss window (issue 25, item 6): how many readings a kill -9 loses. Per kill: a fresh gateway
 * with 20 load devices, each submitting one "line" of 4 numerics per second (all devices on the same
 * 1 s tick, like serial monitors at 1 line/s); at a random moment 2 to 6 s into the load it is killed with
 * SIGKILL; it is then started again on the same data directory without the load, and everything its
 * outbox held is delivered. Lost = readings generated before the kill (the ticks before it, times 80)
 * minus readings that arrived (the receiver de-duplicates redeliveries).
 *
 * <p>The load source's counters die with the process, so "generated before the kill" comes from its
 * schedule (first tick + n s); a kill within {@link #AMBIGUOUS_MILLIS} after a scheduled tick cannot tell
 * a late tick from a lost one, and is reported as such (the figure counts that tick as generated).
 */
final class CrashLoss {
    static final int DEVICES = 20;
    static final int READINGS_PER_LINE = 4;
    static final int TICK_MILLIS = 1000;
    static final long AMBIGUOUS_MILLIS = 20;

    /** One kill: when in the tick it came, what was generated, what arrived. */
    record Kill(int window, long offsetMillis, long generated, long delivered, long duplicates, long gaps,
            boolean ambiguous, long maxTickLateMillis) {
        long lost() {
            return generated - delivered;
        }
    }

    private CrashLoss() {
    }

    static List<Kill> run(BenchOptions options, Ward ward) throws Exception {
        SplittableRandom random = new SplittableRandom(options.killSeed());
        List<Kill> kills = new ArrayList<>();
        for (int window : options.killWindows()) {
            for (int i = 0; i < options.kills(); i++) {
                String name = String.format("%02d-kill-w%d-%d", ward.nextStep(), window, i + 1);
                long delayMillis = options.killOffset() < 0 ? 2_000 + (long) (random.nextDouble() * 4_000)
                        : (2 + random.nextInt(4)) * (long) TICK_MILLIS + options.killOffset();
                System.out.println("e2e: " + name + " (kill " + delayMillis + " ms after the first tick) ...");
                Kill kill = once(options, ward, options.work().resolve(name), window, delayMillis);
                System.out.println("e2e: " + name + ": " + kill.generated() + " generated before the kill, "
                        + kill.delivered() + " delivered, lost " + kill.lost() + (kill.ambiguous() ? " (at a tick)" : "")
                        + "; ticks ran up to " + kill.maxTickLateMillis() + " ms late");
                kills.add(kill);
            }
        }
        return kills;
    }

    private static Kill once(BenchOptions options, Ward ward, Path dir, int window, long delayMillis)
            throws Exception {
        Path data = dir.resolve("data");
        Path conf = dir.resolve("conf");
        Path dev = dir.resolve("dev");
        Path stats = dir.resolve("load-stats.jsonl");
        Files.createDirectories(data);
        ward.configureCommon(conf, dev, stats, DEVICES, DEVICES * READINGS_PER_LINE, 60, TICK_MILLIS, 0);
        ward.enroll(data);
        ward.configureSecured(conf, window, options.idlePollMillis());
        List<SimulatorRunner> sims = ward.plugSerial(dev);
        try (Collector collector = Collector.secured(ward, "bench-" + dir.getFileName(), false)) {
            long firstTick;
            long killedAt;
            Gateway gateway = Gateway.start(options.top(), options.jar(), dir, data, conf, options.jvmArguments(), null);
            try {
                LoadStats.Line first = null;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                while (first == null || first.firstSubmit() == 0) {
                    if (!gateway.alive() || System.nanoTime() > deadline) {
                        throw new IllegalStateException("the gateway did not start its load: " + dir);
                    }
                    Thread.sleep(20);
                    first = LoadStats.last(stats);
                }
                firstTick = first.firstSubmit();
                long wait = firstTick + delayMillis - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
                killedAt = System.currentTimeMillis();
                gateway.kill();
            } finally {
                gateway.close();
            }
            // The gateway restores a configuration file a kill left empty or cut short from its last good
            // copy at start (io.wardgate.config); the files are not written again here, so that is tested too.
            try (var files = Files.list(conf)) {
                long emptied = files.filter(f -> f.toString().endsWith(".config") && f.toFile().length() == 0).count();
                if (emptied > 0) {
                    System.out.println("e2e: " + dir.getFileName() + ": " + emptied
                            + " configuration file(s) left empty by the kill; the gateway must restore them");
                }
            }
            // Again on the same data, without the load: it only sends what its outbox kept.
            Files.delete(conf.resolve("io.wardgate.bench.LoadSource.config"));
            Path after = dir.resolve("after-kill");
            Files.createDirectories(after);
            Gateway again = Gateway.start(options.top(), options.jar(), after, data, conf, options.jvmArguments(), null);
            try {
                // Start-up takes seconds (more on a loaded machine): the quiet period counts from the uplink's session.
                Poll.until(() -> again.log().contains("Uplink connected to") || !again.alive(), Duration.ofSeconds(120));
                long[] seen = {-1, System.nanoTime()};
                Poll.until(() -> {
                    long now = collector.tally().localReadings();
                    if (now != seen[0]) {
                        seen[0] = now;
                        seen[1] = System.nanoTime();
                    }
                    return collector.backlog() == 0 && System.nanoTime() - seen[1] > TimeUnit.SECONDS.toNanos(5);
                }, Duration.ofSeconds(120));
            } finally {
                again.close();
            }
            long sinceFirst = killedAt - firstTick;
            long ticks = sinceFirst / TICK_MILLIS + 1;
            long offset = sinceFirst % TICK_MILLIS;
            Tally tally = collector.tally();
            // Born before the kill: a restarted gateway may run the load source again from the framework's
            // persisted configuration before FileInstall removes it; what that generates is not counted.
            return new Kill(window, offset, ticks * DEVICES * READINGS_PER_LINE,
                    tally.localReadingsBornBefore(killedAt * 1000 + 1000),
                    tally.duplicates(), tally.sequenceGaps(), offset < AMBIGUOUS_MILLIS,
                    tally.localBornTimes().stream().filter(b -> b < killedAt * 1000)
                            .mapToLong(b -> late(b / 1000 - firstTick)).max().orElse(-1));
        } finally {
            for (SimulatorRunner sim : sims) {
                sim.close();
            }
        }
    }

    /** How late a tick born this many ms after the first one ran (a millisecond early counts as 0). */
    private static long late(long sinceFirstMillis) {
        long mod = Math.floorMod(sinceFirstMillis, (long) TICK_MILLIS);
        return mod > TICK_MILLIS / 2 ? 0 : mod;
    }

    static String table(List<Kill> kills) {
        StringBuilder out = new StringBuilder("Crash-loss window: readings lost per kill -9 (" + DEVICES
                + " devices, one line of " + READINGS_PER_LINE + " numerics per second each)\n\n"
                + "| sealer | kills | lost per kill (each) | mean | max | ms after the tick (each) | ticks late up to ms | sequence gaps |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        kills.stream().map(Kill::window).distinct().forEach(window -> {
            List<Kill> these = kills.stream().filter(k -> k.window() == window).toList();
            out.append(String.format(java.util.Locale.ROOT, "| %s | %d | %s | %.1f | %d | %s | %d | %d |%n",
                    window == 0 ? "adaptive (default)" : "fixed " + window + " ms", these.size(),
                    String.join(", ", these.stream().map(k -> k.lost() + (k.ambiguous() ? "*" : "")).toList()),
                    these.stream().mapToLong(Kill::lost).average().orElse(Double.NaN),
                    these.stream().mapToLong(Kill::lost).max().orElse(0),
                    String.join(", ", these.stream().map(k -> String.valueOf(k.offsetMillis())).toList()),
                    these.stream().mapToLong(Kill::maxTickLateMillis).max().orElse(-1),
                    these.stream().mapToLong(Kill::gaps).sum()));
        });
        return out.append("(* killed within ").append(AMBIGUOUS_MILLIS)
                .append(" ms after a scheduled tick: that tick is counted as generated)\n").toString();
    }
}
