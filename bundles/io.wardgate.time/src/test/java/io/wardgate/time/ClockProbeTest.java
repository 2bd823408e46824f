package io.wardgate.time;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.time.ClockState;
import io.wardgate.api.time.Synchronisation;
import io.wardgate.check.CheckResult.Status;
import io.wardgate.time.check.ClockProbe;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClockProbeTest {

    private static ClockState state(Synchronisation s) {
        return new ClockState(s, "chrony", Duration.ofMillis(40), false, Instant.now(), "kernel said so");
    }

    @Test
    void aSynchronisedClockPasses() {
        var result = new ClockProbe(() -> state(Synchronisation.SYNCHRONISED)).run(null);
        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.id()).isEqualTo("clock");
        assertThat(result.requirement()).isEqualTo("S19");
    }

    @Test
    void anUnsynchronisedClockFailsAndSaysWhatToDo() {
        var result = new ClockProbe(() -> state(Synchronisation.UNSYNCHRONISED)).run(null);
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.detail()).contains("kernel said so", "NTP", "not verified");
    }

    @Test
    void anUnreadableStateIsSkippedNeverPassed() {
        var result = new ClockProbe(() -> state(Synchronisation.UNKNOWN)).run(null);
        assertThat(result.status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void theSystemProbeReadsThisMachinesKernel() {
        var result = ClockProbe.system().run(null);
        assertThat(result.detail()).containsPattern("kernel (TIME_[A-Z]+|clock state unreadable)");
    }
}
