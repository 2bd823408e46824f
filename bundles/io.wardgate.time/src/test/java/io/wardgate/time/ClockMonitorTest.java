package io.wardgate.time;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.api.pipeline.AuditEvent.Outcome;
import io.wardgate.api.time.ClockState;
import io.wardgate.api.time.Synchronisation;
import io.wardgate.testkit.MutableClock;
import io.wardgate.testkit.RecordingAuditTrail;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Raspberry Pi without a real-time clock boots unsynchronised, chrony synchronises it later, and it can
 * lose synchronisation again (the kernel sets STA_UNSYNC once its maximum error passes 16 s). The kernel's
 * answers are scripted through our own seam; the board is real files.
 */
class ClockMonitorTest {
    private static final Timex UNSYNCED = new Timex(Timex.TIME_ERROR, Timex.STA_UNSYNC, 16_000_000, 16_000_000, 10_000);
    private static final Timex SYNCED = new Timex(Timex.TIME_OK, 0x2001, 25_000, 1_000, 10_000);

    @TempDir
    Path root;
    private final MutableClock clock = new MutableClock(Instant.now().minus(Duration.ofDays(3)));
    private final AtomicLong nanos = new AtomicLong(7_000_000_000L);
    private final RecordingAuditTrail audit = new RecordingAuditTrail();
    private final Deque<Object> kernel = new ArrayDeque<>();
    private ClockMonitor monitor;

    @BeforeEach
    void board() throws IOException {
        Files.createDirectories(root.resolve("run/chrony"));
        Files.writeString(root.resolve("run/chrony/chronyd.pid"), "321\n");
        ClockObserver observer = new ClockObserver(() -> () -> {
            Object next = kernel.isEmpty() ? SYNCED : kernel.poll();
            if (next instanceof IOException e) {
                throw e;
            }
            return (Timex) next;
        }, root, clock);
        monitor = new ClockMonitor(observer, () -> audit, clock, nanos::get, Duration.ofMinutes(15));
    }

    /** Time passing: both the wall clock and the monotonic clock move. */
    private void elapse(Duration d) {
        clock.advance(d);
        nanos.addAndGet(d.toNanos());
    }

    @Test
    void beforeTheFirstLookTheStateIsUnknownAndNothingIsAudited() {
        assertThat(monitor.current().synchronisation()).isEqualTo(Synchronisation.UNKNOWN);
        assertThat(audit.events()).isEmpty();
    }

    @Test
    void aBootWithoutNtpThenChronySynchronisingIsAuditedOncePerChange() {
        kernel.add(UNSYNCED);
        kernel.add(UNSYNCED);
        kernel.add(SYNCED);
        kernel.add(SYNCED);

        Instant boot = clock.instant();
        monitor.observe();
        elapse(Duration.ofSeconds(10));
        ClockState stillUnsynced = monitor.observe();
        assertThat(stillUnsynced.synchronised()).isFalse();
        assertThat(stillUnsynced.since()).as("the state began at the first look").isEqualTo(boot);
        assertThat(stillUnsynced.source()).isEqualTo("chrony");

        elapse(Duration.ofSeconds(10));
        Instant synced = clock.instant();
        monitor.observe();
        elapse(Duration.ofSeconds(10));
        ClockState now = monitor.observe();
        assertThat(now.synchronised()).isTrue();
        assertThat(now.since()).isEqualTo(synced);
        assertThat(now.maxError()).isEqualTo(Duration.ofMillis(25));
        assertThat(now.detail()).contains("TIME_OK", "STA_UNSYNC clear", "25 ms", "chrony found", "no real-time clock");

        assertThat(audit.events()).extracting(AuditEvent::action)
                .containsExactly(ClockMonitor.UNSYNCHRONISED, ClockMonitor.SYNCHRONISED);
        assertThat(audit.events()).extracting(AuditEvent::outcome).containsExactly(Outcome.WARNING, Outcome.SUCCESS);
        assertThat(audit.events().get(0).detail()).contains("TIME_ERROR", "STA_UNSYNC set", "16 s");
    }

    @Test
    void anUnsynchronisedClockAlarmsOnlyAfterItsGrace() {
        kernel.add(UNSYNCED);
        kernel.add(UNSYNCED);
        monitor.observe();
        elapse(Duration.ofMinutes(14));
        monitor.observe();
        assertThat(monitor.alarms()).as("a board just booted waits for NTP").isEmpty();

        elapse(Duration.ofMinutes(2));
        assertThat(monitor.alarms()).singleElement().asString()
                .startsWith("the clock is not synchronised since").contains("chrony", "not verified");

        monitor.observe(); // synchronised now
        assertThat(monitor.alarms()).isEmpty();
    }

    @Test
    void losingSynchronisationIsAuditedAgain() {
        kernel.add(SYNCED);
        kernel.add(UNSYNCED);
        monitor.observe();
        monitor.observe();
        assertThat(audit.events()).extracting(AuditEvent::action)
                .containsExactly(ClockMonitor.SYNCHRONISED, ClockMonitor.UNSYNCHRONISED);
    }

    @Test
    void aKernelThatCannotBeReadIsUnknownWithTheReasonAndAnAlarmAfterTheGrace() {
        kernel.add(new IOException("adjtimex(2) failed with errno 1\u0007"));
        ClockState state = monitor.observe();
        assertThat(state.synchronisation()).isEqualTo(Synchronisation.UNKNOWN);
        assertThat(state.detail()).contains("unreadable", "errno 1?").doesNotContain("\u0007");
        assertThat(audit.withAction(ClockMonitor.UNKNOWN)).hasSize(1);
        elapse(Duration.ofMinutes(20));
        assertThat(monitor.alarms()).singleElement().asString().contains("state is unknown");
    }

    @Test
    void wallClockStepsNeitherRaiseNorSilenceTheAlarm() {
        kernel.add(UNSYNCED);
        monitor.observe();
        clock.advance(Duration.ofHours(-5)); // NTP stepped the wall clock back; no time passed
        assertThat(monitor.alarms()).isEmpty();
        clock.advance(Duration.ofDays(2)); // and then forward by two days: still no time passed
        assertThat(monitor.alarms()).isEmpty();
        elapse(Duration.ofMinutes(15)); // the grace, really passed
        assertThat(monitor.alarms()).hasSize(1);
        clock.advance(Duration.ofHours(-5));
        assertThat(monitor.alarms()).as("a step back does not silence it").hasSize(1);
        assertThat(monitor.current().synchronisation()).isEqualTo(Synchronisation.UNSYNCHRONISED);
    }

    @Test
    void aChangeOfTimeSourceIsAuditedEvenWhenStillSynchronised() throws IOException {
        monitor.observe();
        Files.delete(root.resolve("run/chrony/chronyd.pid"));
        Files.createDirectories(root.resolve("run/systemd/timesync"));
        ClockState now = monitor.observe();
        assertThat(now.source()).isEqualTo("systemd-timesyncd");
        assertThat(audit.events()).extracting(AuditEvent::action)
                .containsExactly(ClockMonitor.SYNCHRONISED, ClockMonitor.SYNCHRONISED);
    }

    @Test
    void withoutAnAuditTrailTheStateIsStillKept() {
        ClockMonitor alone = new ClockMonitor(new ClockObserver(() -> () -> SYNCED, root, clock), () -> null, clock,
                nanos::get, Duration.ZERO);
        assertThat(alone.observe().synchronised()).isTrue();
    }
}
