package io.wardgate.seal.sealer;

import io.wardgate.api.DeviceAlarms;
import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.DeviceReadings;
import io.wardgate.api.Location;
import io.wardgate.api.Reading;
import io.wardgate.api.WaveformSegment;
import io.wardgate.api.pipeline.AdmittedAlarms;
import io.wardgate.api.pipeline.AdmittedReadings;
import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.api.pipeline.AuditTrail;
import io.wardgate.api.pipeline.EnvelopeTags;
import io.wardgate.api.pipeline.Outbox;
import io.wardgate.api.pipeline.Precedence;
import io.wardgate.api.pipeline.Route;
import io.wardgate.api.pipeline.SealedEnvelope;
import io.wardgate.api.pipeline.Sealer;
import io.wardgate.api.pipeline.StoreOutcome;
import io.wardgate.seal.envelope.Batch;
import io.wardgate.seal.envelope.EnvelopeSealer;
import io.wardgate.seal.envelope.RecipientKey;
import io.wardgate.seal.envelope.SealTags;
import io.wardgate.seal.envelope.Topics;
import io.wardgate.seal.keystore.KeyStorageUnavailableException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Delayed;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batches admitted readings per device, seals each batch and stores the envelope in the outbox. When a
 * batch is sealed is {@link BatchPolicy}'s decision: adaptive by default (at once when the pipeline is
 * idle; while the device's previous envelope commits, its readings collect), with the old bounds (N
 * readings, T ms, 1 MiB) as limits. All batching state lives on one scheduler thread that this object owns;
 * {@link #seal} only hands work over. Sequence numbers count from 0 per device within the boot
 * epoch; at a device's first batch of the epoch the outbox is asked for the last one stored.
 * Timers use the monotonic clock, so wall-clock jumps change neither batching nor sequencing.
 * Sealed envelopes go to the outbox without waiting, in sequence order from this one thread, and together:
 * the routine envelopes of one pass (what the thread seals before its queue runs dry, at most
 * {@value #RUN_MAX} envelopes or {@value #RUN_HOLD_MILLIS} ms) are handed over in one call
 * ({@link Outbox#storeAllAsync}), so the outbox commits them under one fsync instead of one commit and one
 * wake-up of the outbox and uplink threads every envelope or two. Alarm envelopes are never held. Plain Java:
 * the OSGi component and the tests construct it directly.
 */
public final class BatchingSealer implements Sealer, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BatchingSealer.class);
    private static final long CLOCK_CHECK_SECONDS = 5;
    private static final long CLOCK_JUMP_MILLIS = 2_000;
    private static final long KEY_RETRY_SECONDS = 2;
    /**
     * A pass's envelopes are handed over at its end, or sooner at these bounds: the hold is about one fsync
     * of the outbox, so what is sealed but not yet durable (lost in a crash) grows by at most that.
     */
    static final int RUN_MAX = 64;
    static final long RUN_HOLD_MILLIS = 3;

    private final SealerSettings settings;
    private final SealingKeys keys;
    private final Outbox outbox;
    private final EnvelopeSealer envelopeSealer;
    private final long epoch;
    private final Clock clock;
    private final Supplier<Optional<AuditTrail>> audit;
    private final ScheduledExecutorService scheduler;
    private final BatchPolicy policy;
    private final Object storeIdle = new Object();
    private int storing;
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong sealed = new AtomicLong();
    // Touched on the scheduler thread only.
    private final Map<String, Pending> pending = new HashMap<>();
    private final Map<String, Long> nextSequence = new HashMap<>();
    // Devices whose batch may go once the queued work is done (adaptive); drainQueued: a drain task is queued.
    private final Set<String> ready = new LinkedHashSet<>();
    private boolean drainQueued;
    private long lastWallMillis;
    private long lastMonotonicNanos;
    // Batches waiting for the gateway's keys (a token gone), oldest first: nothing overtakes them.
    private final java.util.ArrayDeque<Map.Entry<String, Pending>> waiting = new java.util.ArrayDeque<>();
    private java.util.concurrent.ScheduledFuture<?> keyRetry;
    // Sealed routine envelopes of the current pass, not yet handed to the outbox (scheduler thread only).
    private final List<Outgoing> run = new ArrayList<>();
    private long runStartedNanos;
    private final long runHoldNanos;
    /**
     * The outbox's answers for routine envelopes, by device, not yet told to the policy. They wake the scheduler
     * only while some device's batch is being filled ({@code collecting} > 0: a batch may wait for that commit);
     * otherwise they are told at its next task. At a few envelopes a second nothing collects when the commit
     * answers, and an answer then costs no wake-up of this thread. (Each side writes its variable before it
     * reads the other's, so one of them sees the other: no batch waits for an answer that was not told.)
     */
    private final java.util.concurrent.ConcurrentLinkedQueue<String> storedDevices =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final AtomicInteger collecting = new AtomicInteger();
    private final AtomicLong storedWakeUps = new AtomicLong();

    private record Outgoing(String deviceId, SealedEnvelope envelope) {
    }

    public BatchingSealer(SealerSettings settings, SealingKeys keys, Outbox outbox, EnvelopeSealer envelopeSealer,
            long epoch, Clock clock, Supplier<Optional<AuditTrail>> audit) {
        this(settings, keys, outbox, envelopeSealer, epoch, clock, audit, RUN_HOLD_MILLIS);
    }

    /** @param runHoldMillis longest a pass's first envelope is held before the pass goes (tests vary it) */
    BatchingSealer(SealerSettings settings, SealingKeys keys, Outbox outbox, EnvelopeSealer envelopeSealer,
            long epoch, Clock clock, Supplier<Optional<AuditTrail>> audit, long runHoldMillis) {
        this.runHoldNanos = TimeUnit.MILLISECONDS.toNanos(runHoldMillis);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.envelopeSealer = Objects.requireNonNull(envelopeSealer, "envelopeSealer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.audit = Objects.requireNonNull(audit, "audit");
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must not be negative");
        }
        this.epoch = epoch;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "wardgate-sealer");
            thread.setDaemon(true);
            return thread;
        }) {
            @Override
            protected void afterExecute(Runnable task, Throwable failure) {
                super.afterExecute(task, failure);
                endOfTask(getQueue().peek());
            }
        };
        executor.setRemoveOnCancelPolicy(true);
        this.scheduler = executor;
        this.policy = new BatchPolicy(settings.adaptive(), settings.maxReadings(), SealerSettings.MAX_BATCH_BYTES);
        this.lastWallMillis = clock.millis();
        this.lastMonotonicNanos = System.nanoTime();
        scheduler.scheduleWithFixedDelay(this::checkClock, CLOCK_CHECK_SECONDS, CLOCK_CHECK_SECONDS, TimeUnit.SECONDS);
    }

    public long epoch() {
        return epoch;
    }

    /** Envelopes handed to the outbox since start. */
    public long sealedCount() {
        return sealed.get();
    }

    /** Readings dropped because too many were waiting (or the sealer was closing). */
    public long droppedCount() {
        return dropped.get();
    }

    @Override
    public void seal(AdmittedReadings admitted) {
        Objects.requireNonNull(admitted, "admitted");
        int count = admitted.readings().readings().size();
        if (queued.addAndGet(count) > settings.maxPendingReadings()) {
            queued.addAndGet(-count);
            drop(count, "too many readings waiting to be sealed");
            return;
        }
        try {
            scheduler.execute(() -> add(admitted));
        } catch (RejectedExecutionException e) {
            queued.addAndGet(-count);
            drop(count, "the sealer is stopping");
        }
    }

    /**
     * Reads the gateway's signing key and the backend key {@code backendKeyId} on the sealer's thread now, while
     * nothing waits to be sealed, so that the first envelope does not parse them (the backend key's PEM and
     * certificate were 0.1 s of its path at start, docs/benchmarks-history.md, "Start-up to the first reading, eighth
     * pass"). The keys are only looked up as the first envelope would; a key not there, or a token not answering,
     * is left to that envelope (which waits or fails as before).
     */
    public void readKeysAhead(String backendKeyId) {
        Objects.requireNonNull(backendKeyId, "backendKeyId");
        onScheduler(() -> {
            try {
                keys.gatewayId();
                keys.signingKey();
                keys.recipient(backendKeyId);
            } catch (RuntimeException e) {
                LOG.debug("Keys not read ahead of the first envelope: {}", e.toString());
            }
        });
    }

    /**
     * Alarm changes are not batched: each call is sealed at once into an envelope of its own, numbered in
     * the device's alarm stream ({@link Batch#streamId()}), and stored with {@link Precedence#ALARM}, so the
     * outbox hands it out ahead of any backlog.
     */
    @Override
    public void seal(AdmittedAlarms admitted) {
        Objects.requireNonNull(admitted, "admitted");
        try {
            scheduler.execute(() -> sealAlarms(admitted));
        } catch (RejectedExecutionException e) {
            drop(admitted.alarms().alarms().size(), "the sealer is stopping (alarms)");
        }
    }

    private void sealAlarms(AdmittedAlarms admitted) {
        DeviceAlarms alarms = admitted.alarms();
        String deviceId = alarms.device().id();
        try {
            Batch batch = Batch.ofAlarms(alarms.device(), alarms.location(), admitted.route().group(), alarms.alarms());
            sealAndStore(batch.streamId(), batch, admitted.route(), Precedence.ALARM);
        } catch (RuntimeException e) {
            LOG.error("Sealing {} alarm changes for {} failed: {}", alarms.alarms().size(), deviceId, e.toString());
            record("SEAL_FAILED", deviceId, AuditEvent.Outcome.FAILURE, alarms.alarms().size()
                    + " alarm changes not sealed: " + e.getClass().getSimpleName());
        }
    }

    /** Seals and stores what is waiting, then stops the scheduler thread and the store lanes. */
    @Override
    public void close() {
        try {
            scheduler.submit(this::flushAll).get(30, TimeUnit.SECONDS);
        } catch (RejectedExecutionException e) {
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("Could not seal the last batches at stop: {}", e.toString());
        }
        try {
            awaitStored(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler.shutdownNow();
    }

    /** Seals everything waiting now and waits until it is stored (tests, and an orderly stop). */
    public void flushNow() throws Exception {
        sealPendingNow();
        if (!awaitStored(30, TimeUnit.SECONDS)) {
            throw new java.util.concurrent.TimeoutException("the outbox did not take the sealed envelopes in 30 s");
        }
    }

    private void drop(int count, String why) {
        long total = dropped.addAndGet(count);
        // One line per power of two keeps a flood from flooding the log.
        if (Long.bitCount(total) == 1 || total == count) {
            LOG.warn("Dropped {} readings in total: {}", total, why);
        }
    }

    private void add(AdmittedReadings admitted) {
        tellStored();
        DeviceReadings readings = admitted.readings();
        String deviceId = readings.device().id();
        Pending current = pending.get(deviceId);
        if (current != null && !current.sameStream(readings.device(), readings.location(), admitted.route())) {
            flush(deviceId);
            current = null;
        }
        for (Reading reading : readings.readings()) {
            if (current == null) {
                Pending fresh = new Pending(readings.device(), readings.location(), admitted.route());
                fresh.timer = scheduler.schedule(() -> flushIf(deviceId, fresh), settings.maxMillis(),
                        TimeUnit.MILLISECONDS);
                pending.put(deviceId, fresh);
                collecting.set(pending.size());
                current = fresh;
            }
            if (policy.added(deviceId, current.add(reading))) {
                flush(deviceId);
                current = null;
            }
        }
        if (current != null && settings.adaptive()) {
            // Not at once: readings queued behind this call join the batch first (the sealer's own group commit).
            ready.add(deviceId);
            if (!drainQueued) {
                drainQueued = true;
                scheduler.execute(this::drain);
            }
        }
    }

    /** On the scheduler, after the work queued before it: seals the batches whose device has nothing in flight. */
    private void drain() {
        drainQueued = false;
        tellStored(); // after the batches' pending.put, so an answer that did not wake this thread is seen here
        for (String deviceId : ready) {
            if (policy.ready(deviceId)) {
                flush(deviceId);
            }
        }
        ready.clear();
    }

    private void flushIf(String deviceId, Pending expected) {
        if (pending.get(deviceId) == expected) {
            flush(deviceId);
        }
    }

    private void flushAll() {
        tellStored();
        for (String deviceId : new ArrayList<>(pending.keySet())) {
            flush(deviceId);
        }
        handOverRun();
    }

    /** After every task, on the scheduler: the pass ends when no other task is due now; its envelopes go. */
    private void endOfTask(Runnable next) {
        boolean moreDue = next instanceof Delayed due && due.getDelay(TimeUnit.NANOSECONDS) <= 0;
        if (!run.isEmpty() && !moreDue) {
            handOverRun();
        }
    }

    private void flush(String deviceId) {
        Pending batch = pending.remove(deviceId);
        if (batch == null) {
            return;
        }
        collecting.set(pending.size());
        if (batch.timer != null) {
            batch.timer.cancel(false);
        }
        policy.taken(deviceId);
        if (!waiting.isEmpty()) {
            waiting.add(Map.entry(deviceId, batch));
            return;
        }
        try {
            sealAndStore(deviceId, batch);
            queued.addAndGet(-batch.readings.size());
        } catch (KeyStorageUnavailableException e) {
            // Still counted against maxPendingReadings while it waits, so the wait is bounded.
            waiting.add(Map.entry(deviceId, batch));
            if (keyRetry == null) {
                LOG.warn("Batches wait for the gateway's keys: {}", e.getMessage());
                keyRetry = scheduler.scheduleWithFixedDelay(this::sealWaiting, KEY_RETRY_SECONDS, KEY_RETRY_SECONDS,
                        TimeUnit.SECONDS);
            }
        } catch (RuntimeException e) {
            // Never let one batch kill the scheduler thread; the readings are lost and said so.
            queued.addAndGet(-batch.readings.size());
            LOG.error("Sealing a batch of {} readings for {} failed: {}", batch.readings.size(), deviceId,
                    e.toString());
            record("SEAL_FAILED", deviceId, AuditEvent.Outcome.FAILURE, "batch of " + batch.readings.size()
                    + " readings not sealed: " + e.getClass().getSimpleName());
        }
    }

    /** On the scheduler: seals the waiting batches in order, until the keys fail again or none is left. */
    private void sealWaiting() {
        while (!waiting.isEmpty()) {
            Map.Entry<String, Pending> next = waiting.peek();
            try {
                sealAndStore(next.getKey(), next.getValue());
            } catch (KeyStorageUnavailableException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("Sealing a waiting batch for {} failed: {}", next.getKey(), e.toString());
                record("SEAL_FAILED", next.getKey(), AuditEvent.Outcome.FAILURE, "batch of "
                        + next.getValue().readings.size() + " readings not sealed: " + e.getClass().getSimpleName());
            }
            waiting.poll();
            queued.addAndGet(-next.getValue().readings.size());
        }
        LOG.info("The gateway's keys are back: the waiting batches are sealed");
        keyRetry.cancel(false);
        keyRetry = null;
    }

    /** Seals everything waiting now, without waiting for the outbox's answers (tests). */
    void sealPendingNow() throws Exception {
        scheduler.submit(this::flushAll).get(30, TimeUnit.SECONDS);
    }

    /** Returns once the scheduler has run everything queued before this call, drains included (tests). */
    void awaitQueuedWork() throws Exception {
        // Twice: a drain queued by the work ahead of the first marker runs before the second. The markers hand
        // over the pass (a Future completes before the end-of-task hook runs).
        scheduler.submit(this::handOverRun).get(30, TimeUnit.SECONDS);
        scheduler.submit(this::handOverRun).get(30, TimeUnit.SECONDS);
    }

    /** Batches waiting for the keys now (tests). */
    int waitingBatches() throws Exception {
        return scheduler.submit(waiting::size).get(30, TimeUnit.SECONDS);
    }

    private void sealAndStore(String deviceId, Pending batch) {
        sealAndStore(deviceId, new Batch(batch.device, batch.location, batch.route.group(), batch.readings), batch.route,
                Precedence.ROUTINE);
    }

    /** Waits until every envelope handed to the outbox so far was answered; false on timeout. */
    private boolean awaitStored(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (storeIdle) {
            while (storing > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(storeIdle, left);
            }
            return true;
        }
    }

    /**
     * Hands the envelope to the outbox without waiting for its commit: a routine one joins the pass's run
     * (handed over at the pass's end or a bound), an alarm goes at once, behind the run. Called on the
     * scheduler only, so each device's envelopes reach the outbox in sequence order. The answer arrives on the
     * outbox's thread; the policy hears of it back on the scheduler.
     */
    private void handOver(String deviceId, SealedEnvelope envelope, Precedence precedence) {
        synchronized (storeIdle) {
            storing++;
        }
        if (precedence == Precedence.ROUTINE) {
            policy.handedOver(deviceId);
            if (run.isEmpty()) {
                runStartedNanos = System.nanoTime();
            }
            run.add(new Outgoing(deviceId, envelope));
            if (run.size() >= RUN_MAX
                    || System.nanoTime() - runStartedNanos >= runHoldNanos) {
                handOverRun();
            }
            return;
        }
        handOverRun();
        CompletionStage<StoreOutcome> answer;
        try {
            answer = outbox.storeAsync(envelope, precedence);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((outcome, error) -> answered(deviceId, envelope, false, outcome, error));
    }

    /** On the scheduler: the held routine envelopes go to the outbox in one call. */
    private void handOverRun() {
        if (run.isEmpty()) {
            return;
        }
        List<Outgoing> taken = List.copyOf(run);
        run.clear();
        List<? extends CompletionStage<StoreOutcome>> answers;
        try {
            answers = outbox.storeAllAsync(taken.stream().map(Outgoing::envelope).toList(), Precedence.ROUTINE);
            if (answers.size() != taken.size()) {
                throw new IllegalStateException("the outbox answered " + answers.size() + " of " + taken.size());
            }
        } catch (RuntimeException e) {
            answers = java.util.Collections.nCopies(taken.size(), CompletableFuture.<StoreOutcome>failedFuture(e));
        }
        for (int i = 0; i < taken.size(); i++) {
            Outgoing outgoing = taken.get(i);
            answers.get(i).whenComplete((outcome, error) -> answered(outgoing.deviceId(), outgoing.envelope(), true,
                    outcome, error));
        }
    }

    private void answered(String deviceId, SealedEnvelope envelope, boolean routine, StoreOutcome outcome,
            Throwable error) {
        try {
            if (error != null) {
                storeFailed(envelope, error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error);
            } else {
                stored(envelope, outcome);
            }
        } finally {
            if (routine) {
                storedDevices.add(deviceId);
                if (collecting.get() > 0) {
                    storedWakeUps.incrementAndGet();
                    onScheduler(this::tellStored);
                }
            }
            synchronized (storeIdle) {
                if (--storing == 0) {
                    storeIdle.notifyAll();
                }
            }
        }
    }

    /** On the scheduler: tells the policy of the outbox's answers; a batch collected meanwhile goes now. */
    private void tellStored() {
        String deviceId;
        while ((deviceId = storedDevices.poll()) != null) {
            if (policy.stored(deviceId)) {
                flush(deviceId);
            }
        }
    }

    /** How many outbox answers woke the scheduler (tests: none while no batch is being filled). */
    long storedWakeUps() {
        return storedWakeUps.get();
    }

    private void onScheduler(Runnable task) {
        try {
            scheduler.execute(task);
        } catch (RejectedExecutionException e) {
            // stopping: nothing is sealed any more
        }
    }

    private void sealAndStore(String deviceId, Batch batch, Route route, Precedence precedence) {
        Optional<RecipientKey> recipient = keys.recipient(route.backendKeyId());
        if (recipient.isEmpty()) {
            throw new IllegalStateException("no backend key '" + route.backendKeyId() + "' is installed");
        }
        Long next = nextSequence.get(deviceId);
        long sequence = next != null ? next : outbox.lastSequence(deviceId, epoch) + 1;
        Instant now = clock.instant();
        String gatewayId = keys.gatewayId();
        SealTags tags = new SealTags(gatewayId, deviceId, epoch, sequence, now);
        byte[] bytes = envelopeSealer.seal(tags, batch, keys.signingKey(), recipient.get(), settings.algorithm());
        nextSequence.put(deviceId, sequence + 1);
        EnvelopeTags envelopeTags = new EnvelopeTags(gatewayId, deviceId, epoch, sequence, now,
                Topics.topic(batch.location(), gatewayId, route, deviceId), route.priority(),
                batch.readings().size() + batch.alarms().size());
        handOver(deviceId, new SealedEnvelope(envelopeTags, bytes), precedence);
    }

    /** On the outbox's thread (or here): the outbox threw instead of answering. */
    private void storeFailed(SealedEnvelope envelope, Throwable e) {
        EnvelopeTags tags = envelope.tags();
        LOG.error("Storing envelope {}/{}/{} failed: {}", tags.deviceId(), tags.epoch(), tags.sequence(), e.toString());
        record("SEAL_FAILED", tags.deviceId(), AuditEvent.Outcome.FAILURE, "envelope of " + tags.readingCount()
                + " readings not stored: " + e.getClass().getSimpleName());
    }

    /** On the outbox's thread, after it answered. */
    private void stored(SealedEnvelope envelope, StoreOutcome outcome) {
        EnvelopeTags tags = envelope.tags();
        sealed.incrementAndGet();
        if (outcome == StoreOutcome.REFUSED_FULL || outcome == StoreOutcome.REFUSED_ERROR) {
            // The outbox alarms and audits; the sequence number stays used, so the receiver sees the gap.
            LOG.warn("Outbox refused envelope {}/{}/{}: {}", tags.deviceId(), tags.epoch(), tags.sequence(), outcome);
        }
    }

    private void checkClock() {
        long wall = clock.millis();
        long monotonic = System.nanoTime();
        long jump = (wall - lastWallMillis) - TimeUnit.NANOSECONDS.toMillis(monotonic - lastMonotonicNanos);
        lastWallMillis = wall;
        lastMonotonicNanos = monotonic;
        if (Math.abs(jump) > CLOCK_JUMP_MILLIS) {
            LOG.warn("The wall clock jumped by {} ms; sequence numbers are unaffected", jump);
            record("TIME_CHANGED", keys.gatewayId(), AuditEvent.Outcome.WARNING,
                    "wall clock moved by " + (jump >= 0 ? "+" : "") + jump + " ms against the monotonic clock");
        }
    }

    /** Runs the clock check now (tests). */
    void checkClockNow() throws Exception {
        scheduler.submit(this::checkClock).get(30, TimeUnit.SECONDS);
    }

    private void record(String action, String target, AuditEvent.Outcome outcome, String detail) {
        try {
            audit.get().ifPresent(trail -> trail.record(new AuditEvent(clock.instant(), "system", action,
                    target.length() <= 256 ? target : target.substring(0, 256), outcome, detail)));
        } catch (RuntimeException e) {
            LOG.warn("Could not audit {}: {}", action, e.toString());
        }
    }

    /** A batch being filled. */
    private static final class Pending {
        final DeviceIdentity device;
        final Location location;
        final Route route;
        final List<Reading> readings = new ArrayList<>();
        ScheduledFuture<?> timer;

        Pending(DeviceIdentity device, Location location, Route route) {
            this.device = device;
            this.location = location;
            this.route = route;
        }

        boolean sameStream(DeviceIdentity otherDevice, Location otherLocation, Route otherRoute) {
            return device.equals(otherDevice) && location.equals(otherLocation) && route.equals(otherRoute);
        }

        /** Adds the reading; returns its estimated size in CBOR bytes. */
        long add(Reading reading) {
            readings.add(reading);
            return reading instanceof WaveformSegment wave ? 160L + 5L * wave.sampleCount() : 160L;
        }
    }
}
