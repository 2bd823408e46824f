package io.wardgate.time;

import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.api.pipeline.AuditEvent.Outcome;
import io.wardgate.api.pipeline.AuditTrail;
import io.wardgate.api.time.ClockState;
import io.wardgate.api.time.ClockStatus;
import io.wardgate.api.time.Synchronisation;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the last observation and audits every change of synchronisation state or time source (the
 * first observation included: it is a change from "not yet known"). Raises an alarm when the clock
 * has not been synchronised for longer than the configured grace: a gateway just booted waits for
 * NTP without alarming anyone. The grace is measured on the monotonic clock: the wall clock is the
 * thing in doubt, and NTP stepping it must neither raise nor silence the alarm.
 */
public final class ClockMonitor implements ClockStatus {
    static final String SYNCHRONISED = "CLOCK_SYNCHRONISED";
    static final String UNSYNCHRONISED = "CLOCK_UNSYNCHRONISED";
    static final String UNKNOWN = "CLOCK_STATE_UNKNOWN";
    private static final Logger LOG = LoggerFactory.getLogger(ClockMonitor.class);

    private final ClockObserver observer;
    private final Supplier<AuditTrail> audit;
    private final Clock clock;
    private final LongSupplier monotonicNanos;
    private final Duration alarmAfter;
    private final AtomicReference<ClockState> current;
    private volatile long sinceNanos;
    private boolean observed;

    /**
     * @param monotonicNanos a clock no step can move ({@code System::nanoTime} in the appliance)
     * @param alarmAfter how long the clock may be unsynchronised before {@link #alarms()} says so
     */
    public ClockMonitor(ClockObserver observer, Supplier<AuditTrail> audit, Clock clock, LongSupplier monotonicNanos,
            Duration alarmAfter) {
        this.observer = Objects.requireNonNull(observer, "observer");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.monotonicNanos = Objects.requireNonNull(monotonicNanos, "monotonicNanos");
        this.alarmAfter = Objects.requireNonNull(alarmAfter, "alarmAfter");
        this.sinceNanos = monotonicNanos.getAsLong();
        this.current = new AtomicReference<>(new ClockState(Synchronisation.UNKNOWN, BoardTime.NONE, null, false,
                clock.instant(), "not yet observed"));
    }

    @Override
    public ClockState current() {
        return current.get();
    }

    /** Looks once; called from one thread only (the component's schedule). */
    public ClockState observe() {
        ClockState seen = observer.observe();
        ClockState before = current.get();
        boolean changed = !observed || seen.synchronisation() != before.synchronisation()
                || !seen.source().equals(before.source());
        ClockState next = changed ? seen : seen.since(before.since());
        if (changed) {
            sinceNanos = monotonicNanos.getAsLong();
        }
        current.set(next);
        observed = true;
        if (changed) {
            report(next);
        }
        return next;
    }

    /** The alarm sentence, or nothing while the clock is synchronised or still within its grace. */
    public List<String> alarms() {
        ClockState state = current.get();
        if (state.synchronised()) {
            return List.of();
        }
        Duration lasting = Duration.ofNanos(monotonicNanos.getAsLong() - sinceNanos);
        if (lasting.compareTo(alarmAfter) < 0) {
            return List.of();
        }
        String what = state.synchronisation() == Synchronisation.UNKNOWN ? "the clock's synchronisation state is unknown"
                : "the clock is not synchronised";
        return List.of(what + " since " + state.since() + " (" + state.source() + "): the times stamped on readings"
                + " are not verified");
    }

    private void report(ClockState state) {
        String action;
        Outcome outcome;
        switch (state.synchronisation()) {
            case SYNCHRONISED -> {
                action = SYNCHRONISED;
                outcome = Outcome.SUCCESS;
                LOG.info("Clock synchronised: {}", state.detail());
            }
            case UNSYNCHRONISED -> {
                action = UNSYNCHRONISED;
                outcome = Outcome.WARNING;
                LOG.warn("Clock not synchronised: {}", state.detail());
            }
            default -> {
                action = UNKNOWN;
                outcome = Outcome.WARNING;
                LOG.warn("Clock state unknown: {}", state.detail());
            }
        }
        AuditTrail trail = audit.get();
        if (trail == null) {
            return;
        }
        try {
            trail.record(new AuditEvent(clock.instant(), "system", action, "clock", outcome, state.detail()));
        } catch (RuntimeException e) {
            LOG.error("Audit trail refused {}: {}", action, e.toString());
        }
    }
}
