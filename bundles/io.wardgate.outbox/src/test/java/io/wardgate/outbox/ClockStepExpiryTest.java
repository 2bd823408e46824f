package io.wardgate.outbox;

import static io.wardgate.outbox.Envelopes.envelope;
import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.testkit.MutableClock;
import io.wardgate.testkit.RecordingAuditTrail;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 item 3: the maximum age is not fooled by a clock step. The wall clock (what the sealer
 * stamps envelopes with) and the monotonic clock are injected separately and moved apart, as NTP
 * does on a board without a real-time clock. Dates relative to the run (Envelopes.T0), so any date passes.
 */
class ClockStepExpiryTest {
    private static final Duration MAX_AGE = Duration.ofHours(48);

    @TempDir
    Path dir;

    private final RecordingAuditTrail audit = new RecordingAuditTrail();
    private final MutableClock wall = new MutableClock(Envelopes.T0);
    private final AtomicLong ticks = new AtomicLong(5_000_000_000L);
    private OutboxEngine outbox;

    private OutboxEngine open() {
        outbox = new OutboxEngine(OutboxSettings.defaults(dir.resolve("outbox.db")).withMaxAge(MAX_AGE), wall,
                ticks::get, () -> audit);
        return outbox;
    }

    /** Real time passes: both clocks move. */
    private void elapse(Duration duration) {
        wall.advance(duration);
        ticks.addAndGet(duration.toNanos());
    }

    /** NTP steps the wall clock; the monotonic clock does not move. */
    private void step(Duration duration) {
        wall.advance(duration);
    }

    private void store(long sequence) {
        outbox.store(envelope("serial:/dev/ttyUSB0", sequence, 5, 100, wall.instant()));
    }

    private long stored() {
        outbox.sweepNow();
        return outbox.status().envelopes();
    }

    @AfterEach
    void close() {
        if (outbox != null) {
            outbox.close();
        }
    }

    @Test
    void aForwardStepOfDaysDuringAnOutageExpiresNothing() {
        open();
        for (int i = 0; i < 10; i++) {
            store(i);
            elapse(Duration.ofMinutes(1));
        }
        step(Duration.ofDays(5)); // the backlog now looks five days old on the wall clock
        assertThat(stored()).isEqualTo(10);
        assertThat(audit.withAction("OUTBOX_EXPIRED")).isEmpty();
        elapse(Duration.ofHours(1));
        store(10); // after the step

        elapse(MAX_AGE.minusMinutes(75)); // the first is 47 h 55 min old for real
        assertThat(stored()).isEqualTo(11);
        elapse(Duration.ofMinutes(20)); // the first ten are past 48 h, the last one is not
        assertThat(stored()).isEqualTo(1);
        assertThat(outbox.next(10)).extracting(e -> e.envelope().tags().sequence()).containsExactly(10L);
    }

    @Test
    void aBackwardStepOfHoursDoesNotKeepEnvelopesPastTheirAge() {
        open();
        store(0);
        elapse(Duration.ofSeconds(30));
        outbox.sweepNow();
        step(Duration.ofHours(-5));
        elapse(Duration.ofSeconds(30));
        outbox.sweepNow(); // the step is seen here
        elapse(Duration.ofHours(10));
        store(1);
        elapse(MAX_AGE.minusHours(10)); // 0 is 48 h + 1 min old; on the wall clock only 43 h
        assertThat(stored()).isEqualTo(1);
        assertThat(outbox.next(10)).extracting(e -> e.envelope().tags().sequence()).containsExactly(1L);
    }

    @Test
    void bootAt1970ThenASyncDaysLaterKeepsTheBacklogAcrossRestarts() {
        open();
        store(0); // sealed on a synchronised clock
        elapse(Duration.ofMinutes(2));
        outbox.sweepNow();
        outbox.close();

        // power off; boot without a real-time clock at 1970 (a new monotonic clock)
        wall.set(Instant.EPOCH.plusSeconds(30));
        ticks.set(1_000_000_000L);
        open();
        outbox.sweepNow(); // the writer's first sweep, made explicit: a row stored before it may count on either side
        store(1); // stamped 1970
        elapse(Duration.ofHours(1));
        assertThat(stored()).isEqualTo(2);

        // NTP answers: a step forward by decades; the outage meanwhile kept envelope 0 an hour longer
        wall.set(Envelopes.T0.plus(Duration.ofDays(3)));
        assertThat(stored()).isEqualTo(2);
        outbox.close();

        // and a restart on the synchronised clock keeps what was learnt
        elapse(Duration.ofMinutes(5));
        open();
        assertThat(stored()).isEqualTo(2);
        assertThat(audit.withAction("OUTBOX_EXPIRED")).isEmpty();

        // counted on the clock a step cannot fool: 0 has been stored 2 min + 1 h + 5 min
        elapse(MAX_AGE.minus(Duration.ofMinutes(67)).minusMinutes(1));
        assertThat(stored()).isEqualTo(2);
        elapse(Duration.ofMinutes(2)); // 0 is past 48 h; 1 (stored 2 min later) is not
        assertThat(stored()).isEqualTo(1);
        assertThat(outbox.next(10)).extracting(e -> e.envelope().tags().sequence()).containsExactly(1L);
        elapse(Duration.ofMinutes(5));
        assertThat(stored()).isZero();
    }

    @Test
    void bootAtASavedTimeDaysOldIsAStepBackNotAnExpiry() {
        open();
        store(0);
        elapse(Duration.ofMinutes(1));
        outbox.sweepNow();
        outbox.close();

        wall.set(Envelopes.T0.minus(Duration.ofDays(4))); // fake-hwclock's file from days ago
        ticks.set(2_000_000_000L);
        open();
        outbox.sweepNow(); // as above: the step back at start is seen before envelope 1 is stored
        store(1);
        elapse(Duration.ofMinutes(30));
        step(Duration.ofDays(4).plusHours(3)); // NTP: the real time, three hours of power-off later
        assertThat(stored()).isEqualTo(2);
        // 0: 1 min + 30 min counted; expires when 48 h are reached on the monotonic clock
        elapse(MAX_AGE.minusMinutes(32));
        assertThat(stored()).isEqualTo(2);
        elapse(Duration.ofMinutes(2));
        assertThat(stored()).isEqualTo(1);
    }
}
