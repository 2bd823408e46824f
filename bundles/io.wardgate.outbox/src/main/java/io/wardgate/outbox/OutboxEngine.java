package io.wardgate.outbox;

import io.wardgate.api.pipeline.AuditEvent.Outcome;
import io.wardgate.api.pipeline.AuditTrail;
import io.wardgate.api.pipeline.Outbox;
import io.wardgate.api.pipeline.OutboxStatus;
import io.wardgate.api.pipeline.Precedence;
import io.wardgate.api.pipeline.SealedEnvelope;
import io.wardgate.api.pipeline.StoreOutcome;
import io.wardgate.api.pipeline.StoredEnvelope;
import io.wardgate.outbox.OutboxAlarms.Condition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox: SQLite underneath ({@link SqliteStore}), a group-commit writer thread
 * ({@link OutboxWriter}) for stores and acknowledgements, and fair, ordered hand-out for the uplink.
 * It never throws out of its service methods for a disk or database failure: it alarms, audits and
 * answers REFUSED_ERROR, and keeps trying to recover.
 */
public final class OutboxEngine implements Outbox, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxEngine.class);
    /** Most envelopes one next() call hands out. */
    public static final int MAX_HAND_OUT = 1000;

    private final OutboxSettings settings;
    private final Clock clock;
    private final java.util.function.LongSupplier monotonicNanos;
    private final OutboxAlarms alarms = new OutboxAlarms();
    private final OutboxAudit audit;
    private final HandedOut handedOut = new HandedOut();
    private final AtomicLong highestId = new AtomicLong();
    private final Object handOutLock = new Object();
    private final OutboxWriter writer;
    private volatile SqliteStore store;
    /** Runs each integrity check (a low-priority daemon thread of its own; tests start it when they choose). */
    private final Executor checks;
    private final Object checkLock = new Object();
    private IntegrityCheck check; // under checkLock: the check of the current file, if one was started
    private IntegrityStatus integrity = IntegrityStatus.NOT_RUN_YET; // under checkLock
    /** How long close() waits for a cancelled check to let go of the file (it stops within a page or so). */
    private static final long CHECK_STOP_MILLIS = 2_000;
    /**
     * The highest sequence number stored per device and epoch since this engine started, in memory: written into
     * the fresh file when a corrupt one is moved aside, so that {@link #lastSequence} still answers the epoch's count
     * there, not -1 (a sealer counting from 0 again would repeat (gateway, device, epoch, sequence): the receiver drops
     * those as duplicates). Small: one entry per device and boot epoch.
     */
    private final Map<DeviceEpoch, Long> sequences = new ConcurrentHashMap<>();
    private volatile Usage usage = new Usage(0, 0);
    private String lastServedDevice = "";
    /**
     * Envelopes with a higher id were stored since the uplink last connected: the live lane, handed out
     * ahead of each device's backlog. No connection yet: none is live, everything goes oldest first.
     */
    private volatile long liveAbove = Long.MAX_VALUE;
    /**
     * The hand-out's memory, so that a call reads SQLite only for devices that changed: every device with
     * stored envelopes (read at open, then added as stores commit), a count of each device's stores, and
     * per device the ids to hand out next as last read. Rebuilt from SQLite at start.
     */
    private final java.util.concurrent.ConcurrentSkipListSet<String> devices =
            new java.util.concurrent.ConcurrentSkipListSet<>();
    private final Map<String, Long> storeCounts = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, DeviceQueue> queues = new java.util.HashMap<>(); // under handOutLock
    private final List<Runnable> storeListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    /**
     * Bumped by whatever can give the hand-out more to hand out (a store, a release, a forgotten read-ahead, a
     * new database, a new live boundary); {@code dryAt}: its value when a hand-out last found fewer than asked.
     * While the two are equal the outbox has nothing more to hand out and a call answers without SQLite: the
     * uplink asks again after every send, and at a few envelopes a second that second read was as dear as the first.
     */
    private final java.util.concurrent.atomic.AtomicLong handOutChanges = new java.util.concurrent.atomic.AtomicLong();
    private volatile long dryAt = -1;
    private final java.util.concurrent.atomic.AtomicLong handOutReads = new java.util.concurrent.atomic.AtomicLong();
    /** Most ids read ahead per device and query. */
    private static final int READ_AHEAD = 256;

    /** A device's ids in hand-out order as read at a store count and live boundary; nothingLeft: the read found none. */
    private record DeviceQueue(long storeCount, long liveAbove, java.util.ArrayDeque<Long> ids, boolean nothingLeft) {
    }

    record Usage(long envelopes, long bytes) {
    }

    private record DeviceEpoch(String device, long epoch) {
    }

    public OutboxEngine(OutboxSettings settings, Clock clock, Supplier<AuditTrail> auditTrail) {
        // ages then follow the given clock alone: a test that moves it ages the envelopes
        this(settings, clock, () -> clock.millis() * 1_000_000L, auditTrail);
    }

    /**
     * @param monotonicNanos a clock a wall-clock step does not move ({@code System::nanoTime}): the
     *     maximum age is counted on it while running (AgeRule)
     */
    public OutboxEngine(OutboxSettings settings, Clock clock, java.util.function.LongSupplier monotonicNanos,
            Supplier<AuditTrail> auditTrail) {
        this(settings, clock, monotonicNanos, auditTrail, OutboxEngine::checkThread);
    }

    /** @param checks runs the integrity check of each opened file, off the start path (tests: when they choose) */
    OutboxEngine(OutboxSettings settings, Clock clock, java.util.function.LongSupplier monotonicNanos,
            Supplier<AuditTrail> auditTrail, Executor checks) {
        this.checks = Objects.requireNonNull(checks, "checks");
        this.monotonicNanos = Objects.requireNonNull(monotonicNanos, "monotonicNanos");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.audit = new OutboxAudit(auditTrail, clock, settings.sweepInterval(),
                "outbox:" + settings.databaseFile().getFileName());
        openStore();
        this.writer = new OutboxWriter(this, settings);
        startCheck(); // once the writer can take the verdict
    }

    /**
     * A daemon thread per check; the low priority is a hint only (Linux ignores Java priorities unless
     * -XX:ThreadPriorityPolicy=1): it only reads, and may take minutes.
     */
    private static void checkThread(Runnable check) {
        Thread thread = new Thread(check, "wardgate-outbox-check");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    // ---- Outbox service ----

    @Override
    public StoreOutcome store(SealedEnvelope envelope) {
        return store(envelope, Precedence.ROUTINE);
    }

    @Override
    public StoreOutcome store(SealedEnvelope envelope, Precedence precedence) {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(precedence, "precedence");
        return writer.store(envelope, precedence);
    }

    @Override
    public CompletionStage<StoreOutcome> storeAsync(SealedEnvelope envelope, Precedence precedence) {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(precedence, "precedence");
        return writer.storeAsync(envelope, precedence);
    }

    @Override
    public List<CompletionStage<StoreOutcome>> storeAllAsync(List<SealedEnvelope> envelopes, Precedence precedence) {
        Objects.requireNonNull(envelopes, "envelopes");
        Objects.requireNonNull(precedence, "precedence");
        envelopes.forEach(e -> Objects.requireNonNull(e, "envelope"));
        return List.copyOf(writer.storeAllAsync(envelopes, precedence));
    }

    @Override
    public List<StoredEnvelope> next(int max) {
        long changes = handOutChanges.get();
        if (changes == dryAt) {
            return List.of();
        }
        return underHandOutLock(max, (current, limit) -> {
            List<StoredEnvelope> out = handOut(current, limit);
            if (out.size() < limit) {
                dryAt = changes; // undone below if the read fails after all
            }
            return out;
        });
    }

    /** How many hand-outs read SQLite (tests: one after the outbox ran dry and nothing changed does not). */
    long handOutReads() {
        return handOutReads.get();
    }

    @Override
    public List<StoredEnvelope> nextAlarms(int max) {
        return underHandOutLock(max, (current, limit) -> {
            List<Long> picked = urgentNotHandedOut(current, limit);
            return picked.isEmpty() ? List.of() : loadAndMark(current, picked);
        });
    }

    /** Runs one hand-out with the limit bounded; a failed read hands out nothing this time. */
    private List<StoredEnvelope> underHandOutLock(int max,
            java.util.function.BiFunction<SqliteStore, Integer, List<StoredEnvelope>> handOut) {
        int limit = Math.max(0, Math.min(max, MAX_HAND_OUT));
        SqliteStore current = store;
        if (limit == 0 || current == null) {
            return List.of();
        }
        synchronized (handOutLock) {
            handOutReads.incrementAndGet();
            try {
                return current.reading(() -> handOut.apply(current, limit));
            } catch (StoreException e) {
                dryAt = -1;
                LOG.warn("Outbox read failed ({}); nothing handed out this time", e.kind());
                return List.of();
            }
        }
    }

    /**
     * What was stored within this long before the uplink connected counts as live too: readings of the
     * seconds the uplink took to notice the broker was back are no backlog to the ward.
     */
    static final long LIVE_BOUND_NANOS = 5_000_000_000L;
    private static final long MARK_EVERY_NANOS = 250_000_000L;
    /**
     * One mark per quarter second with stores: (its start, its last store, the highest id by then), monotonic
     * nanos, oldest first, reaching just past LIVE_BOUND_NANOS back.
     */
    private final java.util.ArrayDeque<long[]> idMarks = new java.util.ArrayDeque<>();
    /** The highest id when the database was opened: stored before is backlog in any case. */
    private volatile long idAtOpen;

    private void markHighestId() {
        long now = monotonicNanos.getAsLong();
        synchronized (idMarks) {
            long[] last = idMarks.peekLast();
            if (last != null && now - last[0] < MARK_EVERY_NANOS) {
                last[1] = now; // one mark a quarter second, for its last store
                last[2] = highestId.get();
                return;
            }
            idMarks.addLast(new long[] {now, now, highestId.get()});
            while (idMarks.size() > 1 && now - secondOldest()[1] >= LIVE_BOUND_NANOS) {
                idMarks.pollFirst();
            }
        }
    }

    private long[] secondOldest() {
        java.util.Iterator<long[]> marks = idMarks.iterator();
        marks.next();
        return marks.next();
    }

    @Override
    public void uplinkConnected() {
        long cutoff = monotonicNanos.getAsLong() - LIVE_BOUND_NANOS;
        long older = -1;
        long boundary;
        synchronized (idMarks) {
            for (long[] mark : idMarks) {
                if (mark[1] <= cutoff) {
                    older = Math.max(older, mark[2]);
                }
            }
            // the newest mark at least LIVE_BOUND old; none: opened less than LIVE_BOUND ago, live since the open
            boundary = older >= 0 ? older : idAtOpen;
        }
        liveAbove = boundary;
        handOutChanges.incrementAndGet();
    }

    /**
     * Alarms first (oldest first), then round robin across devices; within each device its live lane (stored
     * since the uplink connected) before its backlog, each oldest first, skipping what is in flight. An alarm
     * stored while a backlog drains goes out with the next call, a reading with the next turn of its device.
     */
    private List<StoredEnvelope> handOut(SqliteStore current, int limit) {
        List<Long> picked = new ArrayList<>(urgentNotHandedOut(current, limit));
        Set<Long> taken = new HashSet<>(picked); // alarms, then each id picked in this call
        List<String> turn = devicesInTurn();
        List<String> pickedDevice = new ArrayList<>();
        boolean progress = true;
        while (picked.size() < limit && progress) {
            progress = false;
            for (String device : turn) {
                if (picked.size() >= limit) {
                    break; // taking one more from a device's read-ahead would drop it from there
                }
                Long id = nextOf(current, device, taken);
                if (id != null) {
                    taken.add(id); // not marked as handed out until loaded
                    picked.add(id);
                    pickedDevice.add(device);
                    progress = true;
                }
            }
        }
        if (picked.isEmpty()) {
            return List.of();
        }
        if (!pickedDevice.isEmpty()) {
            lastServedDevice = pickedDevice.get(pickedDevice.size() - 1);
        }
        return loadAndMark(current, picked);
    }

    /** Loads the picked envelopes, in the order picked, and counts them as handed out. */
    private List<StoredEnvelope> loadAndMark(SqliteStore current, List<Long> picked) {
        Map<Long, StoredEnvelope> loaded = current.load(picked);
        List<StoredEnvelope> result = new ArrayList<>(picked.size());
        for (long id : picked) {
            StoredEnvelope envelope = loaded.get(id);
            if (envelope != null) {
                handedOut.add(id, envelope.envelope().tags().deviceId());
                highestId.accumulateAndGet(id, Math::max);
                result.add(envelope);
            }
        }
        return result;
    }

    /** Up to {@code limit} of the oldest alarm envelopes that are not in flight, oldest first. */
    private List<Long> urgentNotHandedOut(SqliteStore current, int limit) {
        List<Long> ids = new ArrayList<>();
        for (long id : current.urgentIds(handedOut.size() + limit)) {
            if (!handedOut.contains(id) && ids.size() < limit) {
                ids.add(id);
            }
        }
        return ids;
    }

    /**
     * The device's envelopes not in flight in hand-out order: its live lane first (ids above the boundary,
     * oldest first), then its backlog (oldest first); up to {@code limit} of each.
     */
    private List<Long> liveFirst(SqliteStore current, String device, int limit) {
        long boundary = liveAbove;
        List<Long> all = notHandedOut(current, device, limit);
        if (boundary == Long.MAX_VALUE || all.isEmpty() || all.get(0) > boundary) {
            return all; // no backlog before the boundary: oldest first is live first
        }
        List<Long> ordered = new ArrayList<>();
        for (long id : current.oldestIdsAbove(device, boundary, handedOut.count(device) + limit)) {
            if (!handedOut.contains(id) && ordered.size() < limit) {
                ordered.add(id);
            }
        }
        for (long id : all) {
            if (id <= boundary) {
                ordered.add(id);
            }
        }
        return ordered;
    }

    /** Up to {@code limit} of the device's oldest envelopes that are not in flight, oldest first. */
    private List<Long> notHandedOut(SqliteStore current, String device, int limit) {
        List<Long> ids = new ArrayList<>();
        for (long id : current.oldestIds(device, handedOut.count(device) + limit)) {
            if (!handedOut.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** Every device known to have stored envelopes, starting after the one served last (no query). */
    private List<String> devicesInTurn() {
        List<String> turn = new ArrayList<>(devices.tailSet(lastServedDevice, false));
        turn.addAll(devices.headSet(lastServedDevice, true));
        return turn;
    }

    /**
     * The device's next id to hand out, or null. Reads SQLite only when nothing was read for the device
     * yet, when it stored since, when the live boundary moved, or when what was read ran out.
     */
    private Long nextOf(SqliteStore current, String device, Set<Long> skip) {
        long count = storeCounts.getOrDefault(device, 0L);
        long boundary = liveAbove;
        DeviceQueue queue = queues.get(device);
        boolean justRead = false;
        if (queue == null || queue.storeCount() != count || queue.liveAbove() != boundary) {
            queue = readAhead(current, device, count, boundary);
            justRead = true;
        }
        while (true) {
            while (!queue.ids().isEmpty()) {
                long id = queue.ids().poll();
                if (!handedOut.contains(id) && !skip.contains(id)) {
                    return id;
                }
            }
            if (justRead || queue.nothingLeft()) {
                return null; // read again only once the device stores (its count moves) or something is released
            }
            queue = readAhead(current, device, count, boundary);
            justRead = true;
        }
    }

    private DeviceQueue readAhead(SqliteStore current, String device, long count, long boundary) {
        List<Long> read = liveFirst(current, device, READ_AHEAD);
        DeviceQueue queue = new DeviceQueue(count, boundary, new java.util.ArrayDeque<>(read), read.isEmpty());
        queues.put(device, queue);
        return queue;
    }

    /** Calls {@code listener} (on the writer thread; it must not block) whenever envelopes were stored. */
    @Override
    public boolean onStored(Runnable listener) {
        storeListeners.add(Objects.requireNonNull(listener, "listener"));
        return true;
    }

    /** Forgets what the hand-out read ahead (after a release, an eviction or a new database). */
    private void forgetReadAhead() {
        handOutChanges.incrementAndGet();
        synchronized (handOutLock) {
            queues.clear();
        }
    }

    /** Rebuilds the device list from SQLite (at open; a device skip-scan over the index). */
    private void readDevices(SqliteStore current) {
        String cursor = "";
        for (Optional<String> device = current.deviceAfter(cursor); device.isPresent();
                device = current.deviceAfter(cursor)) {
            cursor = device.get();
            devices.add(cursor);
        }
    }

    @Override
    public void acknowledge(long storageId) {
        writer.acknowledge(storageId);
    }

    @Override
    public void release(long storageId) {
        handedOut.remove(storageId);
        forgetReadAhead(); // handed out again, in its place in the order
    }

    @Override
    public long lastSequence(String deviceId, long epoch) {
        SqliteStore current = store;
        if (current == null) {
            return -1;
        }
        try {
            return current.lastSequence(deviceId, epoch);
        } catch (StoreException e) {
            LOG.warn("Outbox read of a sequence counter failed ({})", e.kind());
            return -1;
        }
    }

    @Override
    public OutboxStatus status() {
        Usage now = usage;
        Instant oldest = null;
        SqliteStore current = store;
        if (current != null && now.envelopes() > 0) {
            try {
                oldest = current.oldestSealed().orElse(null);
            } catch (StoreException e) {
                LOG.debug("Outbox status read failed ({})", e.kind());
            }
        }
        return new OutboxStatus(now.envelopes(), now.bytes(), settings.capacityBytes(), oldest, alarms.text());
    }

    /** Expires old envelopes and re-checks alarms now (the writer also does it every sweep interval). */
    public void sweepNow() {
        writer.sweepNow();
    }

    /** Acknowledgements the writer holds for the next store's transaction (tests). */
    int heldAcknowledgements() {
        return writer.heldAcknowledgements();
    }

    /** How many transactions committed stores or acknowledgements (group commit makes this far below the stores). */
    public long commits() {
        return writer.commits();
    }

    /** How many envelopes are handed out and neither acknowledged nor released. */
    public int inFlight() {
        return handedOut.size();
    }

    SqliteStore currentStore() {
        return store;
    }

    @Override
    public void close() {
        IntegrityCheck running = stopCheck("the outbox closed");
        writer.close();
        audit.flush(true);
        SqliteStore current = store;
        store = null;
        if (current != null) {
            current.close();
        }
        if (running != null) {
            try {
                if (!running.awaitEnd(CHECK_STOP_MILLIS)) {
                    LOG.warn("Outbox integrity check still stopping after {} ms", CHECK_STOP_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Where the integrity check of the file stands (status). */
    IntegrityStatus integrity() {
        synchronized (checkLock) {
            return integrity;
        }
    }

    /** Remembers a stored envelope's sequence number (writer thread; see {@link #sequences}). */
    void sequenceStored(String device, long epoch, long sequence) {
        sequences.merge(new DeviceEpoch(device, epoch), sequence, Math::max);
    }

    /**
     * Starts the background check of the file just opened: PRAGMA quick_check reads all of it (20 s cold for a full
     * outbox here, minutes on an SD card), so the outbox serves meanwhile; corruption it finds takes the path of
     * corruption found while running ({@link #replaceCorrupt}, on the writer thread).
     */
    private void startCheck() {
        SqliteStore checked = store;
        if (checked == null) {
            return;
        }
        IntegrityCheck next = new IntegrityCheck(checked.file());
        synchronized (checkLock) {
            check = next;
            integrity = new IntegrityStatus(IntegrityStatus.State.RUNNING, clock.instant(), 0, "");
        }
        try {
            checks.execute(() -> runCheck(next, checked));
        } catch (RejectedExecutionException e) {
            checkEnded(next, IntegrityStatus.State.NOT_FINISHED, System.nanoTime(), "could not start: " + e);
        }
    }

    private void runCheck(IntegrityCheck running, SqliteStore checked) {
        long start = System.nanoTime();
        String found;
        try {
            found = running.run();
        } catch (java.sql.SQLException e) {
            StoreException failure = StoreException.from("integrity check", e);
            if (running.cancelled() || failure.kind() != StoreException.Kind.CORRUPT) {
                String why = running.cancelled() ? "stopped" : failure.getMessage();
                if (checkEnded(running, IntegrityStatus.State.NOT_FINISHED, start, why) && !running.cancelled()) {
                    LOG.warn("Outbox integrity check could not finish: {}", why);
                }
                return;
            }
            found = failure.getMessage();
        } catch (RuntimeException e) {
            // never leave the status "running" behind a dead thread
            checkEnded(running, IntegrityStatus.State.NOT_FINISHED, start, e.toString());
            LOG.warn("Outbox integrity check could not run: {}", e.toString());
            return;
        }
        // SQLite's report spans lines ("*** in database main ***", "Tree 8 page 33: ..."): one short line
        found = found.replaceAll("\\s+", " ").strip();
        found = found.length() > 200 ? found.substring(0, 200) : found;
        if ("ok".equalsIgnoreCase(found)) {
            if (checkEnded(running, IntegrityStatus.State.PASSED, start, "")) {
                LOG.info("Outbox integrity check passed in {} ms", (System.nanoTime() - start) / 1_000_000L);
            }
            return;
        }
        if (checkEnded(running, IntegrityStatus.State.FAILED, start, found)) {
            LOG.error("Outbox integrity check failed: {}", found);
            writer.replaceCorrupt(checked, "integrity check: " + found);
        }
    }

    /** Records a check's end if it is still the current one; false if it was superseded or stopped meanwhile. */
    private boolean checkEnded(IntegrityCheck ended, IntegrityStatus.State state, long startNanos, String detail) {
        synchronized (checkLock) {
            if (check != ended) {
                return false;
            }
            check = null;
            integrity = new IntegrityStatus(state, clock.instant(), (System.nanoTime() - startNanos) / 1_000_000L,
                    detail);
            return true;
        }
    }

    /** Cancels the running check, if any (it returns within a moment); returns it. */
    private IntegrityCheck stopCheck(String why) {
        IntegrityCheck running;
        synchronized (checkLock) {
            running = check;
            check = null;
            if (running != null) {
                Instant now = clock.instant();
                long ran = integrity.at() == null ? 0 : Math.max(0, java.time.Duration.between(integrity.at(), now).toMillis());
                integrity = new IntegrityStatus(IntegrityStatus.State.NOT_FINISHED, now, ran, why);
            }
        }
        if (running != null) {
            running.cancel();
        }
        return running;
    }

    // ---- used by the writer thread ----

    OutboxSettings settings() {
        return settings;
    }

    Clock clock() {
        return clock;
    }

    java.util.function.LongSupplier monotonicNanos() {
        return monotonicNanos;
    }

    OutboxAlarms alarms() {
        return alarms;
    }

    OutboxAudit audit() {
        return audit;
    }

    Usage usage() {
        return usage;
    }

    /**
     * Books a committed batch: counts, hand-out bookkeeping, alarms and audit for losses.
     *
     * @param diskFull whether the batch ran because the disk was full (refusals then alarm as disk full)
     */
    void committed(Batch.Outcome outcome, boolean diskFull) {
        Usage before = usage;
        usage = new Usage(before.envelopes() + outcome.countDelta(), before.bytes() + outcome.bytesDelta());
        outcome.acknowledged().forEach(removed -> handedOut.remove(removed.id()));
        outcome.evicted().forEach(removed -> handedOut.remove(removed.id()));
        outcome.results().forEach(result -> highestId.accumulateAndGet(result.id(), Math::max));
        boolean stored = false;
        for (Batch.Result result : outcome.results()) {
            if (result.id() >= 0) {
                devices.add(result.device());
                storeCounts.merge(result.device(), 1L, Long::sum);
                stored = true;
            }
        }
        if (!outcome.evicted().isEmpty()) {
            forgetReadAhead();
        }
        if (stored) {
            handOutChanges.incrementAndGet();
            markHighestId();
            storeListeners.forEach(Runnable::run);
        }
        Condition condition = diskFull ? Condition.DISK_FULL : Condition.CAPACITY;
        String full = diskFull ? "disk full" : "outbox full";
        boolean losses = false;
        if (!outcome.evicted().isEmpty()) {
            losses = true;
            long bytes = outcome.evicted().stream().mapToLong(SqliteStore.Removed::size).sum();
            raise(condition, full + ": oldest lowest-priority envelopes evicted (policy " + settings.policy() + ")");
            audit.loss("OUTBOX_EVICTED", Outcome.WARNING, full + ", evicted to make room (policy "
                    + settings.policy() + ")", outcome.evicted().size(), bytes);
        }
        for (Batch.Result result : outcome.results()) {
            if (result.outcome() == StoreOutcome.REFUSED_FULL) {
                losses = true;
                raise(condition, full + ": new envelopes refused (" + result.reason() + ")");
                audit.loss("OUTBOX_REFUSED", Outcome.DENIED, result.reason(), 1, result.size());
            }
        }
        if (!diskFull && outcome.results().stream().anyMatch(r -> r.id() >= 0)) {
            clear(Condition.DISK_FULL);
            clear(Condition.DATABASE_ERROR);
        }
        if (!losses && usage.bytes() < settings.capacityBytes() * 9 / 10) {
            clear(Condition.CAPACITY);
        }
    }

    /** Books envelopes dropped for their age (the writer alarms and audits). */
    void expired(List<SqliteStore.Removed> removed) {
        Usage before = usage;
        usage = new Usage(before.envelopes() - removed.size(),
                before.bytes() - removed.stream().mapToLong(SqliteStore.Removed::size).sum());
        removed.forEach(r -> handedOut.remove(r.id()));
        forgetReadAhead();
    }

    void raise(Condition condition, String text) {
        if (alarms.raise(condition, text)) {
            LOG.warn("Outbox alarm raised: {}", text);
        }
    }

    void clear(Condition condition) {
        if (alarms.clear(condition)) {
            LOG.info("Outbox alarm cleared: {}", condition);
            audit.event("OUTBOX_ALARM_CLEARED", Outcome.SUCCESS, condition.name().toLowerCase() + " cleared");
        }
    }

    /** Opens the database; a corrupt one is moved aside and a fresh one started. Never throws. */
    void openStore() {
        Path file = settings.databaseFile();
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            store = SqliteStore.open(file, settings.maxDatabaseBytes());
            // reads the device index and the totals: damage there shows here, before the check would find it
            afterOpen();
        } catch (StoreException e) {
            if (e.kind() != StoreException.Kind.CORRUPT) {
                SqliteStore opened = store;
                if (opened != null) {
                    opened.close();
                }
                unavailable(e.getMessage());
                return;
            }
            replaceCorrupt(e.getMessage());
            return;
        } catch (IOException e) {
            unavailable(e.toString());
            return;
        }
        if (writer != null) {
            startCheck(); // reopened by the writer after a failure; at start the constructor starts it
        }
    }

    /**
     * Moves the corrupt database aside and starts an empty one (on start, or when corruption shows later, or the
     * background check finds it): ids continue above the highest one seen, and the sequence counters stored since
     * this engine started are carried over, both from memory (nothing is read from the damaged file).
     */
    void replaceCorrupt(String why) {
        stopCheck("the file was replaced");
        SqliteStore old = store;
        store = null;
        if (old != null) {
            old.close();
        }
        Path file = settings.databaseFile();
        try {
            Path aside = CorruptFiles.moveAside(file, clock.instant());
            String text = "outbox database was corrupt (" + why + "); moved aside to " + aside.getFileName()
                    + " and an empty one started; its envelopes were not sent";
            raise(Condition.CORRUPT_MOVED_ASIDE, text);
            audit.event("OUTBOX_CORRUPT", Outcome.FAILURE, text);
            store = SqliteStore.open(file, settings.maxDatabaseBytes());
            store.ensureIdsAbove(highestId.get());
            store.transaction(tx -> {
                for (Map.Entry<DeviceEpoch, Long> last : sequences.entrySet()) {
                    tx.raiseSequence(last.getKey().device(), last.getKey().epoch(), last.getValue());
                }
                return null;
            });
        } catch (IOException | StoreException e) {
            unavailable(e.getMessage());
            return;
        }
        handOutChanges.incrementAndGet();
        synchronized (handOutLock) {
            handedOut.clear();
            queues.clear();
            devices.clear();
        }
        afterOpen();
    }

    private void afterOpen() {
        try {
            // what is stored at start is backlog once the uplink connects (the live lane starts above it)
            highestId.accumulateAndGet(store.transaction(SqliteStore.Tx::highestId), Math::max);
        } catch (StoreException e) {
            LOG.warn("Outbox: highest id unreadable ({}); stored envelopes count as live", e.kind());
        }
        readDevices(store);
        idAtOpen = highestId.get();
        SqliteStore.Totals totals = store.totals();
        usage = new Usage(totals.envelopes(), totals.bytes());
        clear(Condition.DATABASE_ERROR);
        handOutChanges.incrementAndGet(); // last: what the new database holds is known now
    }

    private void unavailable(String why) {
        store = null;
        String text = "outbox database unavailable: " + why;
        if (alarms.raise(Condition.DATABASE_ERROR, text)) {
            LOG.error("Outbox alarm raised: {}", text);
            audit.event("OUTBOX_ERROR", Outcome.FAILURE, text);
        }
    }

    boolean available() {
        return store != null;
    }
}
