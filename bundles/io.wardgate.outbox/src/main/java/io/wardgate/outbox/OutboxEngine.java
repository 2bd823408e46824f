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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
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
    private volatile Usage usage = new Usage(0, 0);
    private String lastServedDevice = "";
    /**
     * Envelopes with a higher id were stored since the uplink last connected: the live lane, handed out
     * ahead of each device's backlog. No connection yet: none is live, everything goes oldest first.
     */
    private volatile long liveAbove = Long.MAX_VALUE;

    record Usage(long envelopes, long bytes) {
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
        this.monotonicNanos = Objects.requireNonNull(monotonicNanos, "monotonicNanos");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.audit = new OutboxAudit(auditTrail, clock, settings.sweepInterval(),
                "outbox:" + settings.databaseFile().getFileName());
        openStore();
        this.writer = new OutboxWriter(this, settings);
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
    public List<StoredEnvelope> next(int max) {
        return underHandOutLock(max, this::handOut);
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
            try {
                return handOut.apply(current, limit);
            } catch (StoreException e) {
                LOG.warn("Outbox read failed ({}); nothing handed out this time", e.kind());
                return List.of();
            }
        }
    }

    @Override
    public void uplinkConnected() {
        liveAbove = highestId.get();
    }

    /**
     * Alarms first (oldest first), then round robin across devices; within each device its live lane (stored
     * since the uplink connected) before its backlog, each oldest first, skipping what is in flight. An alarm
     * stored while a backlog drains goes out with the next call, a reading with the next turn of its device.
     */
    private List<StoredEnvelope> handOut(SqliteStore current, int limit) {
        List<Long> picked = new ArrayList<>(urgentNotHandedOut(current, limit));
        Set<Long> urgent = new HashSet<>(picked);
        List<String> devices = devicesInTurn(current);
        Map<String, List<Long>> due = new LinkedHashMap<>();
        List<String> pickedDevice = new ArrayList<>();
        boolean progress = true;
        while (picked.size() < limit && progress) {
            progress = false;
            for (String device : devices) {
                List<Long> queue = due.computeIfAbsent(device, d -> liveFirst(current, d, limit));
                queue.removeAll(urgent);
                if (!queue.isEmpty() && picked.size() < limit) {
                    picked.add(queue.remove(0));
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

    /** Every device with stored envelopes, starting after the one served last. */
    private List<String> devicesInTurn(SqliteStore current) {
        List<String> after = new ArrayList<>();
        List<String> before = new ArrayList<>();
        String cursor = "";
        for (Optional<String> device = current.deviceAfter(cursor); device.isPresent();
                device = current.deviceAfter(cursor)) {
            cursor = device.get();
            (cursor.compareTo(lastServedDevice) > 0 ? after : before).add(cursor);
        }
        after.addAll(before);
        return after;
    }

    @Override
    public void acknowledge(long storageId) {
        writer.acknowledge(storageId);
    }

    @Override
    public void release(long storageId) {
        handedOut.remove(storageId);
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
        writer.close();
        audit.flush(true);
        SqliteStore current = store;
        store = null;
        if (current != null) {
            current.close();
        }
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
        } catch (StoreException e) {
            if (e.kind() != StoreException.Kind.CORRUPT) {
                unavailable(e.getMessage());
                return;
            }
            replaceCorrupt(e.getMessage());
            return;
        } catch (IOException e) {
            unavailable(e.toString());
            return;
        }
        afterOpen();
    }

    /** Moves the corrupt database aside and starts an empty one (on start, or when corruption shows later). */
    void replaceCorrupt(String why) {
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
        } catch (IOException | StoreException e) {
            unavailable(e.getMessage());
            return;
        }
        synchronized (handOutLock) {
            handedOut.clear();
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
        SqliteStore.Totals totals = store.totals();
        usage = new Usage(totals.envelopes(), totals.bytes());
        clear(Condition.DATABASE_ERROR);
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
