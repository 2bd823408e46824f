package io.wardgate.uplink;

import io.wardgate.shared.retry.Backoff;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * One wait between connection rounds: the jittered backoff delay, ended early when a broker whose port
 * refused TCP at the start of the wait starts accepting (the broker is back). A broker that accepts TCP
 * but refused the session is never probed: only the backoff paces retries against it, so a broker that
 * stays down or keeps refusing is not hammered. Probes come every probe interval, half of it random.
 */
final class ReconnectWait {
    private final Clock clock;
    private final RandomGenerator random;
    private final Duration probeInterval;
    private final Instant deadline;
    private final boolean probing;
    private Instant nextProbe;

    /**
     * @param delay the backoff delay (the longest this wait lasts)
     * @param probeInterval zero: no probes
     * @param allReachableAtStart whether every broker accepted TCP when the wait began (then probes cannot tell anything)
     */
    ReconnectWait(Clock clock, RandomGenerator random, Duration delay, Duration probeInterval,
            boolean allReachableAtStart) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.probeInterval = Objects.requireNonNull(probeInterval, "probeInterval");
        Instant now = clock.instant();
        this.deadline = now.plus(delay);
        this.probing = !probeInterval.isZero() && !allReachableAtStart;
        this.nextProbe = probing ? now.plus(jittered()) : deadline;
    }

    /** Whether the backoff delay is over. */
    boolean over() {
        return !clock.instant().isBefore(deadline);
    }

    /** Whether a probe is due now. */
    boolean probeDue() {
        return probing && !over() && !clock.instant().isBefore(nextProbe);
    }

    /** Records a probe; true when a broker that refused TCP now accepts it (the wait should end). */
    boolean probed(boolean newlyReachable) {
        nextProbe = clock.instant().plus(jittered());
        return newlyReachable;
    }

    /** How long to sleep until the next probe or the end of the wait, whichever comes first. */
    Duration sleep() {
        Instant now = clock.instant();
        Instant next = probing && nextProbe.isBefore(deadline) ? nextProbe : deadline;
        return now.isBefore(next) ? Duration.between(now, next) : Duration.ZERO;
    }

    private Duration jittered() {
        return new Backoff(probeInterval, probeInterval).delay(0, random);
    }
}
