package io.wardgate.bench.e2e;

import io.wardgate.sim.SimulatorRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One step: a fresh gateway process under one load, in one mode, until everything arrived. */
final class Step {
    /**
     * Latency counts readings born from one second after the first load reading arrived: what waited
     * for the uplink's first connection belongs to the start-up figure, not to the steady state.
     */
    static final long WARM_UP_MICROS = 1_000_000;
    /** The steady CPU figure starts this long after the load, leaving out the start's one-time work (C1, level 20). */
    static final long STEADY_AFTER_MILLIS = 10_000;
    private final BenchOptions options;
    private final Ward ward;
    private final String mode;
    private final int rate;
    private final int window;
    private final int seconds;
    private final int outageSeconds;
    private final Path dir;

    Step(BenchOptions options, Ward ward, String name, String mode, int rate, int window, int seconds,
            int outageSeconds) {
        this.options = options;
        this.ward = ward;
        this.mode = mode;
        this.rate = rate;
        this.window = window;
        this.seconds = seconds;
        this.outageSeconds = outageSeconds;
        this.dir = options.work().resolve(name);
    }

    StepResult run() throws Exception {
        boolean secured = mode.equals("secured");
        Path data = dir.resolve("data");
        Path conf = dir.resolve("conf");
        Path dev = dir.resolve("dev");
        Path stats = dir.resolve("load-stats.jsonl");
        Files.createDirectories(data);
        String loadAverage = Files.readString(Path.of("/proc/loadavg")).trim();
        int loadSeconds = outageSeconds > 0
                ? options.outageLeadSeconds() + outageSeconds + (options.outageTailSeconds() > 0
                        ? options.outageTailSeconds() : Math.max(20, outageSeconds / 2)) : seconds;
        ward.configureCommon(conf, dev, stats, options.devices(), rate, loadSeconds, options.tickMillis(),
                options.alarmEveryMillis());
        if (secured) {
            ward.enroll(data);
            ward.configureSecured(conf, window, options.idlePollMillis(), options.outboxMiB());
        } else {
            ward.configureBaseline(conf);
        }
        List<SimulatorRunner> sims = ward.plugSerial(dev);
        String clientId = "bench-" + dir.getFileName();
        // The rate steps and (unless openDuringDrain) the outage open envelopes only after the load or the
        // drain: a backend runs on other machines, not on the gateway's two cores. Every figure uses
        // arrival times, taken on arrival either way.
        boolean deferred = outageSeconds == 0 || !options.openDuringDrain();
        try (Collector collector = secured ? Collector.secured(ward, clientId, deferred)
                : Collector.plain(ward, clientId, deferred)) {
            if (options.warm()) {
                Gateway.prime(options.jar(), dir, data, options.jvmArguments());
                say("warm start: framework storage prepared by a start without configuration");
            }
            Gateway gateway = Gateway.start(options.top(), options.jar(), dir, data, conf, options.jvmArguments(),
                    options.jfr() ? dir.resolve("gateway.jfr") : null);
            try {
                return measure(gateway, collector, stats, loadAverage);
            } finally {
                gateway.close();
            }
        } finally {
            for (SimulatorRunner sim : sims) {
                sim.close();
            }
        }
    }

    private StepResult measure(Gateway gateway, Collector collector, Path stats, String loadAverage)
            throws Exception {
        long readyMicros = 0;
        LoadStats.Line first = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (first == null || first.firstSubmit() == 0) {
            if (!gateway.alive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the gateway did not start its load (" + dir + "/gateway.log):\n"
                        + tail(gateway.log()));
            }
            Thread.sleep(20);
            first = LoadStats.last(stats);
        }
        long loadStartMillis = first.firstSubmit();
        long cpuStart = gateway.cpuTicks();
        long steadyFromMillis = 0;
        long cpuSteadyStart = 0;
        long cpuAtEnd;
        long rss;
        long outageStopMillis = 0;
        long outageRestartMillis = 0;
        if (outageSeconds > 0) {
            // the steady mark before the outage's sleeps, or it would fall after the restart (the drain's CPU)
            if (options.outageLeadSeconds() * 1000L >= STEADY_AFTER_MILLIS) {
                sleepUntil(loadStartMillis + STEADY_AFTER_MILLIS);
                steadyFromMillis = System.currentTimeMillis();
                cpuSteadyStart = gateway.cpuTicks();
            } else {
                steadyFromMillis = -1; // none: the outage starts before the start-up's work is over
            }
            sleepUntil(loadStartMillis + options.outageLeadSeconds() * 1000L);
            outageStopMillis = System.currentTimeMillis();
            ward.broker.stop();
            say("broker stopped for " + outageSeconds + " s");
            sleepUntil(outageStopMillis + outageSeconds * 1000L);
            ward.broker.start();
            outageRestartMillis = System.currentTimeMillis();
            say("broker restarted");
        }
        LoadStats.Line last = LoadStats.last(stats);
        boolean opening = outageSeconds == 0;
        int polls = 0;
        while (last == null || !last.done()) {
            if (!gateway.alive()) {
                throw new IllegalStateException("the gateway stopped under load:\n" + tail(gateway.log()));
            }
            Thread.sleep(100);
            last = LoadStats.last(stats);
            if (steadyFromMillis == 0 && System.currentTimeMillis() >= loadStartMillis + STEADY_AFTER_MILLIS) {
                steadyFromMillis = System.currentTimeMillis();
                cpuSteadyStart = gateway.cpuTicks();
            }
            if (!opening && ++polls % 10 == 0 && drainedAt(LoadStats.read(stats), outageStopMillis, outageRestartMillis) > 0) {
                // the drain figures are taken: the receiver may open what queued up (bounds its memory)
                collector.release();
                opening = true;
                say("drained; the receiver opens what arrived");
            }
        }
        long loadEndMillis = last.t();
        readyMicros = readyTime(gateway.log());
        cpuAtEnd = gateway.cpuTicks();
        rss = gateway.statusKib("VmRSS");
        collector.release();
        // The load source writes one more line after "done", with the final count.
        Thread.sleep(400);
        long generated = LoadStats.last(stats).generated();
        Poll.until(() -> collector.tally().localReadings() >= generated && collector.backlog() == 0
                || !gateway.alive(), Duration.ofSeconds(options.drainTimeoutSeconds()));
        // Serial readings and stragglers: one more window for what was sealed last.
        Thread.sleep(Math.max(500, window));
        Poll.until(() -> collector.backlog() == 0, Duration.ofSeconds(60));
        long hwm = gateway.statusKib("VmHWM");
        Tally tally = collector.tally();
        List<LoadStats.Line> lines = LoadStats.read(stats);
        double loadSeconds = (loadEndMillis - loadStartMillis) / 1000.0;
        long lastArrival = tally.lastLocalArrivalMicros();
        long delivered = tally.localReadings();
        double deliveredSpan = (lastArrival - loadStartMillis * 1000.0) / 1e6;
        long outboxMax = -1;
        List<long[]> series = new ArrayList<>();
        for (LoadStats.Line line : lines) {
            outboxMax = Math.max(outboxMax, line.outboxEnvelopes());
            series.add(new long[] {line.t() - loadStartMillis, line.outboxEnvelopes(), line.outboxBytes()});
        }
        StepResult.Outage outage = outageSeconds > 0
                ? outage(lines, tally, outageStopMillis, outageRestartMillis, loadEndMillis,
                        reconnected(gateway.log(), outageRestartMillis)) : null;
        return new StepResult(mode, rate, window, seconds, generated, tally.localReadings(), tally.serialReadings(),
                tally.envelopes(), tally.rejectedCount(), tally.duplicates(), tally.sequenceGaps(), loadSeconds, generated / loadSeconds,
                delivered / deliveredSpan, (lastArrival / 1000.0 - loadEndMillis) / 1000.0,
                tally.latency(tally.firstLocalArrivalMicros() + WARM_UP_MICROS, Long.MAX_VALUE),
                tally.transit(tally.firstLocalArrivalMicros() + WARM_UP_MICROS, Long.MAX_VALUE),
                100.0 * (cpuAtEnd - cpuStart) / Gateway.USER_HZ / loadSeconds,
                steadyCpuPercent(cpuSteadyStart, cpuAtEnd, steadyFromMillis, loadEndMillis), rss, hwm, outboxMax, series,
                ((tally.firstSerialArrivalMicros() > 0 ? tally.firstSerialArrivalMicros() : tally.firstArrivalMicros())
                        - gateway.startedMicros) / 1e6,
                readyMicros == 0 ? Double.NaN : (readyMicros - gateway.startedMicros) / 1e6, loadAverage, outage);
    }

    /**
     * CPU % from the steady mark to the load's end (with an outage: the outage and the drain included); NaN
     * without a mark or when it came less than 10 s before the end.
     */
    private static double steadyCpuPercent(long ticksFrom, long ticksTo, long fromMillis, long toMillis) {
        if (fromMillis <= 0 || toMillis - fromMillis < 10_000) {
            return Double.NaN;
        }
        return 100.0 * (ticksTo - ticksFrom) / Gateway.USER_HZ / ((toMillis - fromMillis) / 1000.0);
    }

    /** Drained: the first stats line after the restart whose outbox depth is back to what it was before the stop. */
    private StepResult.Outage outage(List<LoadStats.Line> lines, Tally tally, long stop, long restart, long loadEnd,
            long reconnected) {
        long backlog = 0;
        for (LoadStats.Line line : lines) {
            if (line.t() >= stop && line.t() <= restart) {
                backlog = Math.max(backlog, line.outboxEnvelopes());
            }
        }
        long drained = drainedAt(lines, stop, restart);
        double drainSeconds = drained < 0 ? Double.NaN : (drained - restart) / 1000.0;
        double outageSeconds = (restart - stop) / 1000.0;
        long liveUntil = drained < 0 ? loadEnd : drained;
        double reconnectSeconds = reconnected <= 0 ? Double.NaN : (reconnected - restart) / 1000.0;
        return new StepResult.Outage(this.outageSeconds, backlog, drainSeconds, outageSeconds / drainSeconds,
                drained >= 0 && drained <= loadEnd, tally.latency(restart * 1000L, liveUntil * 1000L), reconnectSeconds,
                outageSeconds / (drainSeconds - reconnectSeconds),
                tally.alarmLatency((reconnected > 0 ? reconnected : restart) * 1000L, liveUntil * 1000L));
    }

    /**
     * When the outbox was drained (epoch ms), or -1 (not yet, or no restart yet): the first stats line after
     * the restart whose depth is back to the most it held before the stop (at least 10).
     */
    static long drainedAt(List<LoadStats.Line> lines, long stop, long restart) {
        if (restart <= 0) {
            return -1;
        }
        long normal = 10;
        for (LoadStats.Line line : lines) {
            if (line.t() < stop) {
                normal = Math.max(normal, line.outboxEnvelopes());
            }
        }
        for (LoadStats.Line line : lines) {
            if (line.t() > restart && line.outboxEnvelopes() >= 0 && line.outboxEnvelopes() <= normal) {
                return line.t();
            }
        }
        return -1;
    }

    /** When the uplink logged its first connection at or after {@code afterMillis} (epoch ms), or 0. */
    private static long reconnected(String log, long afterMillis) {
        for (String line : log.split("\n")) {
            if (line.contains("Uplink connected to")) {
                try {
                    long at = java.time.Instant.parse(line.substring(0, line.indexOf(' '))).toEpochMilli();
                    if (at >= afterMillis) {
                        return at;
                    }
                } catch (RuntimeException e) {
                    // not a time-stamped line
                }
            }
        }
        return 0;
    }

    /** When the runtime logged "WardGate ready" (its own time stamp), or 0. */
    private static long readyTime(String log) {
        for (String line : log.split("\n")) {
            if (line.contains("WardGate ready")) {
                try {
                    return Collector.micros(java.time.Instant.parse(line.substring(0, line.indexOf(' '))));
                } catch (RuntimeException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    private static void sleepUntil(long epochMillis) throws InterruptedException {
        long wait = epochMillis - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    private static String tail(String log) {
        return log.length() <= 4000 ? log : log.substring(log.length() - 4000);
    }

    private static void say(String message) {
        System.out.println("e2e: " + message);
    }

    static void clean(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var tree = Files.walk(dir)) {
                for (Path path : tree.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
