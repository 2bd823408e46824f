package io.wardgate.bench.e2e;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The printed table and the machine-readable result (hand-written JSON, no library needed). */
final class Report {
    private Report() {
    }

    static String summary(StepResult r) {
        return String.format(Locale.ROOT, "%,d generated, %,d received (+%,d serial), loss-free %s, sustained %s, "
                + "%.0f readings/s delivered, p99 %.1f ms, CPU %.0f %%%s, RSS %d MiB", r.generated(), r.receivedLocal(),
                r.receivedSerial(), r.lossFree(), r.sustained(), r.deliveredRate(), r.latency().p99(), r.cpuPercent(),
                Double.isNaN(r.steadyCpuPercent()) ? ""
                        : String.format(Locale.ROOT, " (%.0f %% from %d s on)", r.steadyCpuPercent(),
                                Step.STEADY_AFTER_MILLIS / 1000),
                r.rssKib() / 1024);
    }

    static String table(GatewayBenchmark.Results results) {
        StringBuilder out = new StringBuilder();
        out.append("\nWhole gateway, ").append(results.machine()).append('\n');
        out.append("readings = numerics + waveform samples; latency = reading received -> arrival at the subscriber\n\n");
        String head = "| mode | offered/s | delivered/s | loss-free | sustained | p50 ms | p99 ms | max ms | p99 after sealing | CPU % (1 core = 100; from 10 s on) "
                + "| RSS MiB | HWM MiB | outbox max | first reading s | ready s | load avg |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n";
        if (!results.steps().isEmpty()) {
            out.append("Rate steps (").append(windowName(results.options().defaultWindow()))
                    .append(results.options().warm() ? "; warm starts: framework storage from an earlier start"
                            : "; cold starts: empty framework storage").append(")\n\n")
                    .append(head);
            results.steps().forEach(r -> out.append(row(r.mode(), r)));
            out.append('\n').append(ratio(results.steps())).append('\n');
        }
        if (!results.curve().isEmpty()) {
            out.append("Fixed batching window curve at ").append(results.options().windowRate()).append(" readings/s\n\n")
                    .append(head.replace("| mode |", "| window ms |"));
            results.curve().forEach(r -> out.append(row(String.valueOf(r.windowMillis()), r)));
            out.append('\n');
        }
        if (!results.kills().isEmpty()) {
            out.append(CrashLoss.table(results.kills())).append('\n');
        }
        StepResult o = results.outage();
        if (o != null) {
            StepResult.Outage x = o.outage();
            out.append(String.format(Locale.ROOT, "Broker outage: %d s at %d readings/s: backlog %,d envelopes; drained in "
                    + "%.1f s after the broker's restart = %.1fx real time (uplink back after %.1f s of reconnect backoff; "
                    + "%.1fx from then) (%s); live data during the drain p50 %.0f ms, p99 %.0f ms, max %.0f ms "
                    + "(%,d readings); loss-free %s; RSS %d MiB, HWM %d MiB; load avg %s\n"
                    + "  backlog drained at %,.0f envelopes/s net of the live ones (from the uplink's reconnection); "
                    + "the receiver opened envelopes %s; broker max_inflight_messages %s\n", x.outageSeconds(), o.rate(),
                    x.backlogEnvelopes(), x.drainSeconds(), x.drainMultiple(), x.reconnectSeconds(),
                    x.drainMultipleAfterReconnect(), x.drainedWhileLive()
                            ? "while the live load kept running" : "NOT while the live load ran",
                    x.liveDuringDrain().p50(), x.liveDuringDrain().p99(), x.liveDuringDrain().max(),
                    x.liveDuringDrain().count(), o.lossFree(), o.rssKib() / 1024, o.hwmKib() / 1024, o.loadAverage(),
                    x.backlogEnvelopes() / (x.drainSeconds() - x.reconnectSeconds()),
                    results.options().openDuringDrain() ? "as they arrived, on the gateway's cores (openDuringDrain=true)"
                            : "after the drain (as a backend on other machines would; openDuringDrain=true: during it)",
                    results.options().brokerMaxInflight() == 0 ? "mosquitto's default (20)"
                            : String.valueOf(results.options().brokerMaxInflight())));
            if (x.alarmsDuringDrain().count() > 0) {
                out.append(String.format(Locale.ROOT, "Alarms raised during the drain: p50 %.0f ms, p99 %.0f ms, max %.0f ms"
                        + " (%d alarm changes; target p99 <= 2000 ms: %s)\n", x.alarmsDuringDrain().p50(),
                        x.alarmsDuringDrain().p99(), x.alarmsDuringDrain().max(), x.alarmsDuringDrain().count(),
                        x.alarmsDuringDrain().p99() <= 2000 ? "met" : "NOT met"));
            }
        }
        return out.toString();
    }

    static String windowName(int window) {
        return window == 0 ? "adaptive batching, the product default" : "fixed batching window " + window + " ms";
    }

    private static String row(String first, StepResult r) {
        return String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %s | %s | %.1f | %.1f | %.1f | %s | %.0f%s | %d | %d | %s | %.2f | %.2f | %s |%n",
                first, r.offeredRate(), r.deliveredRate(), r.lossFree() ? "yes" : "NO (" + (r.generated()
                        - r.receivedLocal()) + " missing, " + r.sequenceGaps() + " gaps)", r.sustained() ? "yes" : "no",
                r.latency().p50(), r.latency().p99(), r.latency().max(), r.afterSealing().count() == 0 ? "n/a"
                        : String.format(Locale.ROOT, "%.1f", r.afterSealing().p99()), r.cpuPercent(),
                Double.isNaN(r.steadyCpuPercent()) ? "" : String.format(Locale.ROOT, " (%.0f)", r.steadyCpuPercent()),
                r.rssKib() / 1024,
                r.hwmKib() / 1024, r.outboxMax() < 0 ? "n/a" : String.valueOf(r.outboxMax()), r.startupSeconds(),
                r.readySeconds(), r.loadAverage().split(" ")[0]);
    }

    /** Highest sustained rate per mode, and per rate the CPU each mode spent. */
    static String ratio(List<StepResult> steps) {
        double secured = maxSustained(steps, "secured");
        double baseline = maxSustained(steps, "baseline");
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "Highest sustained step: secured %,.0f/s, baseline %,.0f/s; secured/baseline %.2f%n", secured, baseline,
                baseline > 0 ? secured / baseline : Double.NaN));
        for (StepResult s : steps) {
            if (!s.mode().equals("secured")) {
                continue;
            }
            steps.stream().filter(b -> b.mode().equals("baseline") && b.rate() == s.rate()).findFirst().ifPresent(b ->
                    out.append(String.format(Locale.ROOT, "At %,d/s: gateway CPU secured %.0f %% vs baseline %.0f %% "
                            + "(baseline/secured %.2f)%n", s.rate(), s.cpuPercent(), b.cpuPercent(),
                            b.cpuPercent() / s.cpuPercent())));
        }
        return out.toString();
    }

    private static double maxSustained(List<StepResult> steps, String mode) {
        return steps.stream().filter(s -> s.mode().equals(mode) && s.sustained()).mapToDouble(StepResult::deliveredRate)
                .max().orElse(0);
    }

    static String json(GatewayBenchmark.Results results) {
        BenchOptions o = results.options();
        return "{\n  \"machine\": " + quote(results.machine()) + ",\n  \"options\": {\"devices\": " + o.devices()
                + ", \"serial\": " + o.serialDevices() + ", \"seconds\": " + o.seconds() + ", \"window\": "
                + o.defaultWindow() + ", \"openDuringDrain\": " + o.openDuringDrain() + ", \"brokerInflight\": "
                + o.brokerMaxInflight() + ", \"jvm\": " + quote(o.jvm()) + "},\n  \"steps\": [" + list(results.steps())
                + "],\n  \"curve\": [" + list(results.curve()) + "],\n  \"outage\": "
                + (results.outage() == null ? "null" : step(results.outage())) + ",\n  \"kills\": ["
                + results.kills().stream().map(k -> "{\"window\": " + k.window() + ", \"offsetMillis\": " + k.offsetMillis()
                        + ", \"generated\": " + k.generated() + ", \"delivered\": " + k.delivered() + ", \"lost\": "
                        + k.lost() + ", \"duplicates\": " + k.duplicates() + ", \"gaps\": " + k.gaps()
                        + ", \"ambiguous\": " + k.ambiguous() + ", \"maxTickLateMillis\": " + k.maxTickLateMillis() + "}")
                        .collect(Collectors.joining(", "))
                + "],\n  \"summary\": "
                + quote(ratio(results.steps()).trim()) + "\n}\n";
    }

    private static String list(List<StepResult> steps) {
        return steps.stream().map(Report::step).collect(Collectors.joining(","));
    }

    static String step(StepResult r) {
        String series = r.outboxSeries().stream().map(p -> "[" + p[0] + "," + p[1] + "," + p[2] + "]")
                .collect(Collectors.joining(","));
        StringBuilder s = new StringBuilder("\n    {");
        s.append("\"mode\": ").append(quote(r.mode())).append(", \"rate\": ").append(r.rate())
                .append(", \"windowMillis\": ").append(r.windowMillis()).append(", \"generated\": ").append(r.generated())
                .append(", \"receivedLocal\": ").append(r.receivedLocal()).append(", \"receivedSerial\": ")
                .append(r.receivedSerial()).append(", \"envelopes\": ").append(r.envelopes()).append(", \"rejected\": ")
                .append(r.rejected()).append(", \"duplicates\": ").append(r.duplicates())
                .append(", \"sequenceGaps\": ").append(r.sequenceGaps()).append(", \"lossFree\": ")
                .append(r.lossFree()).append(", \"sustained\": ").append(r.sustained()).append(", \"loadSeconds\": ")
                .append(num(r.loadSeconds())).append(", \"offeredRate\": ").append(num(r.offeredRate()))
                .append(", \"deliveredRate\": ").append(num(r.deliveredRate())).append(", \"catchUpSeconds\": ")
                .append(num(r.catchUpSeconds())).append(", \"latencyMs\": ").append(latency(r.latency()))
                .append(", \"afterSealingMs\": ").append(latency(r.afterSealing()))
                .append(", \"cpuPercent\": ").append(num(r.cpuPercent()))
                .append(", \"steadyCpuPercent\": ").append(num(r.steadyCpuPercent())).append(", \"rssKib\": ").append(r.rssKib())
                .append(", \"hwmKib\": ").append(r.hwmKib()).append(", \"outboxMaxEnvelopes\": ").append(r.outboxMax())
                .append(", \"startupSeconds\": ").append(num(r.startupSeconds())).append(", \"readySeconds\": ")
                .append(num(r.readySeconds())).append(", \"loadAverage\": ").append(quote(r.loadAverage()))
                .append(", \"outboxSeries\": [").append(series).append(']');
        if (r.outage() != null) {
            StepResult.Outage x = r.outage();
            s.append(", \"outage\": {\"seconds\": ").append(x.outageSeconds()).append(", \"backlogEnvelopes\": ")
                    .append(x.backlogEnvelopes()).append(", \"drainSeconds\": ").append(num(x.drainSeconds()))
                    .append(", \"drainMultiple\": ").append(num(x.drainMultiple())).append(", \"reconnectSeconds\": ")
                    .append(num(x.reconnectSeconds())).append(", \"drainMultipleAfterReconnect\": ")
                    .append(num(x.drainMultipleAfterReconnect())).append(", \"drainedWhileLive\": ")
                    .append(x.drainedWhileLive()).append(", \"liveLatencyMs\": ").append(latency(x.liveDuringDrain()))
                    .append(", \"alarmLatencyMs\": ").append(latency(x.alarmsDuringDrain()))
                    .append('}');
        }
        return s.append('}').toString();
    }

    private static String latency(Tally.Latency l) {
        return "{\"count\": " + l.count() + ", \"p50\": " + num(l.p50()) + ", \"p99\": " + num(l.p99()) + ", \"max\": "
                + num(l.max()) + "}";
    }

    private static String num(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.3f", value) : "null";
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
