package io.wardgate.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.testkit.RequiredTools;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A few seconds of the whole-gateway benchmark at a small rate, so the harness keeps working: the real
 * appliance process, mosquitto with mutual TLS, a serial simulator on a pseudo-terminal, the load
 * source, the receiver; secured, baseline and a short broker outage. It asserts zero loss and that
 * every figure is there. It never asserts a speed: figures come from benchmarks/e2e.sh on a quiet machine.
 */
class GatewayBenchmarkSmokeTest {

    @Test
    void everyFigureIsThereAndNothingIsLost() throws Exception {
        RequiredTools.require("the whole-gateway benchmark (real broker, pseudo-terminals)", "mosquitto");
        Path top = Path.of(System.getProperty("wardgate.top", "../..")).toAbsolutePath().normalize();
        assertThat(top.resolve("distrib/appliance/target/wardgate.jar")).as("the appliance is built first").exists();

        // A 20 ms tick makes about 450 backlog envelopes and alarms change every 20 ms, so that some alarms are
        // raised during the drain however fast it is (at 5,000 envelopes/s it still lasts about 0.1 s).
        BenchOptions options = BenchOptions.parse(top, "work=benchmarks/e2e/target/smoke", "devices=3", "serial=1",
                "rates=2000", "seconds=2", "windows=", "outage=3", "outageRate=2000", "outageLead=1",
                "outageTail=8", "drainTimeout=30", "tick=20", "alarmEvery=20", "kills=1", "killWindows=0");
        GatewayBenchmark.Results results = GatewayBenchmark.run(options);

        assertThat(results.steps()).extracting(StepResult::mode).containsExactly("secured", "baseline");
        for (StepResult step : results.steps()) {
            assertFigures(step);
            assertThat(step.steadyCpuPercent()).as("no steady CPU figure for a 2 s load").isNaN();
        }
        StepResult secured = results.steps().get(0);
        assertThat(secured.receivedSerial()).as("serial readings through the real driver").isPositive();
        assertThat(secured.outboxMax()).as("outbox depth sampled").isGreaterThanOrEqualTo(0);
        assertThat(secured.envelopes()).isPositive();

        StepResult outage = results.outage();
        assertFigures(outage);
        assertThat(outage.outage().backlogEnvelopes()).as("a backlog built up while the broker was down").isPositive();
        assertThat(outage.outage().drainSeconds()).as("the backlog drained").isFinite().isPositive();
        assertThat(outage.outage().liveDuringDrain().count()).as("live data measured during the drain").isPositive();
        assertThat(outage.outage().alarmsDuringDrain().count()).as("alarms raised during the drain").isPositive();
        assertThat(outage.outage().alarmsDuringDrain().p99()).isFinite().isNotNegative();

        assertThat(results.kills()).singleElement().satisfies(kill -> {
            assertThat(kill.generated()).as("readings generated before the kill").isPositive();
            assertThat(kill.delivered()).as("the outbox's readings delivered after the restart").isPositive();
        });

        String json = Files.readString(options.result());
        assertThat(json).contains("\"steps\"", "\"steadyCpuPercent\": null", "\"outage\"", "\"drainMultiple\"", "\"p99\"", "\"hwmKib\"", "\"alarmLatencyMs\"", "\"kills\"",
                "secured/baseline", "\"openDuringDrain\": false", "\"brokerInflight\": 100");
        assertThat(Report.table(results)).contains("| secured |", "| baseline |", "Broker outage", "Crash-loss window",
                "envelopes/s net", "opened envelopes after the drain");
    }

    private static void assertFigures(StepResult step) {
        assertThat(step.lossFree()).as(step.mode() + ": zero loss, " + Report.summary(step)).isTrue();
        assertThat(step.generated()).isPositive();
        assertThat(step.latency().count()).isPositive();
        assertThat(step.latency().p50()).isFinite().isNotNegative();
        assertThat(step.latency().p99()).isFinite().isGreaterThanOrEqualTo(step.latency().p50());
        assertThat(step.latency().max()).isFinite().isGreaterThanOrEqualTo(step.latency().p99());
        assertThat(step.cpuPercent()).isFinite().isPositive();
        assertThat(step.rssKib()).isPositive();
        assertThat(step.hwmKib()).as("VmHWM").isPositive();
        assertThat(step.startupSeconds()).isFinite().isPositive();
        assertThat(step.deliveredRate()).isFinite().isPositive();
        assertThat(step.loadAverage()).isNotBlank();
    }
}
