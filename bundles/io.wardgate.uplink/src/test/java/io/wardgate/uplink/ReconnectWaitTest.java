package io.wardgate.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.testkit.MutableClock;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The wait between connection rounds, on an injected clock: backoff-bound, cut short only by a returning port. */
class ReconnectWaitTest {
    private static final Duration BACKOFF = Duration.ofSeconds(40);
    private static final Duration PROBE = Duration.ofSeconds(1);

    private final MutableClock clock = MutableClock.startingNow();

    @Test
    void aBrokerWhosePortRefusedIsProbedAndItsReturnEndsTheWait() {
        ReconnectWait wait = new ReconnectWait(clock, new SplittableRandom(1), BACKOFF, PROBE, false);
        assertThat(wait.probeDue()).isFalse();
        // The first probe comes within one probe interval, never before half of it (jitter).
        assertThat(wait.sleep()).isBetween(PROBE.dividedBy(2), PROBE);
        clock.advance(wait.sleep());
        assertThat(wait.probeDue()).isTrue();
        assertThat(wait.probed(false)).isFalse();
        assertThat(wait.probeDue()).isFalse();
        assertThat(wait.over()).isFalse();
        clock.advance(wait.sleep());
        assertThat(wait.probeDue()).isTrue();
        assertThat(wait.probed(true)).as("the port accepts again: reconnect now").isTrue();
        assertThat(wait.over()).as("well before the backoff delay").isFalse();
    }

    @Test
    void aBrokerThatAcceptedTcpIsNotProbedAndOnlyTheBackoffPacesRetries() {
        ReconnectWait wait = new ReconnectWait(clock, new SplittableRandom(2), BACKOFF, PROBE, true);
        assertThat(wait.sleep()).isEqualTo(BACKOFF);
        for (int i = 0; i < 39; i++) {
            clock.advance(Duration.ofSeconds(1));
            assertThat(wait.probeDue()).isFalse();
            assertThat(wait.over()).isFalse();
        }
        clock.advance(Duration.ofSeconds(1));
        assertThat(wait.over()).isTrue();
        assertThat(wait.sleep()).isZero();
    }

    @Test
    void probesAreCountedWithinTheBackoffAndStopWhenItEnds() {
        ReconnectWait wait = new ReconnectWait(clock, new SplittableRandom(3), BACKOFF, PROBE, false);
        int probes = 0;
        while (!wait.over()) {
            clock.advance(wait.sleep());
            if (wait.probeDue()) {
                probes++;
                wait.probed(false);
            }
        }
        // One TCP probe per 0.5 to 1 s while the port refuses: 40 to 80 in 40 s, and no TLS handshake.
        assertThat(probes).isBetween(39, 80);
        assertThat(wait.probeDue()).isFalse();
    }

    @Test
    void withoutProbesTheWaitIsTheBackoffDelay() {
        ReconnectWait wait = new ReconnectWait(clock, new SplittableRandom(4), BACKOFF, Duration.ZERO, false);
        assertThat(wait.sleep()).isEqualTo(BACKOFF);
        clock.advance(BACKOFF.minusMillis(1));
        assertThat(wait.probeDue()).isFalse();
        assertThat(wait.over()).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(wait.over()).isTrue();
    }
}
