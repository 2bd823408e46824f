package io.wardgate.outbox;

import io.wardgate.api.pipeline.AuditEvent.Outcome;
import io.wardgate.api.pipeline.Precedence;
import io.wardgate.api.pipeline.SealedEnvelope;
import io.wardgate.api.pipeline.StoreOutcome;
import io.wardgate.outbox.OutboxAlarms.Condition;
import io.wardgate.outbox.SqliteStore.Removed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer thread. Concurrent store() calls queue up while a transaction commits; the
 * next transaction takes them all (group commit), so one fsync serves many callers. Each caller
 * returns only after the transaction holding its envelope committed. Acknowledgements ride along
 * (the uplink does not wait for them: a lost deletion only means a re-send the receiver de-duplicates).
 * Acknowledgements do not wake this thread: they wait in a queue of their own for its next wake-up (a store,
 * or its timed one at most a second later), ride in the next store's transaction, and are committed alone
 * (without an fsync of its own) only when no store came for {@link #ACK_HOLD}, or when a transaction's worth
 * waits (that one wakes it): at a few envelopes a second every PUBACK would otherwise cost a wake-up of this
 * thread and a transaction of its own, as much as the store. Until its
 * deletion commits an acknowledged envelope stays handed out, so it is never handed out again. Between
 * batches the thread expires old envelopes and flushes audit summaries.
 */
final class OutboxWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxWriter.class);
    private static final int MAX_BATCH = 512;
    private static final int QUEUE_CAPACITY = 4096;
    /**
     * Envelope bytes waiting for the writer, at most (KiB): a slow disk holds the sealer back here instead
     * of filling the heap (-Xmx40m); the sealer's own bound then drops readings, audited.
     */
    private static final int MAX_QUEUED_KIB = 4096;
    private static final int EXPIRY_PAGE = 1000;
    /** Longest an acknowledgement waits for a store's transaction to ride in (an idle ward: the outbox empties). */
    static final java.time.Duration ACK_HOLD = java.time.Duration.ofSeconds(1);
    /** Evicted on a full disk at least this much, so the next envelopes fit too. */
    private static final long DISK_FULL_HEADROOM = 64 * 1024;

    private sealed interface Request permits StoreRequest, StoreRun, AckRequest, SweepRequest, CorruptRequest,
            StopRequest {
    }

    /** The background check found {@code checked} corrupt: replace it, unless another file is in use by now. */
    private record CorruptRequest(SqliteStore checked, String why) implements Request {
    }

    private record StoreRequest(Batch.Queued queued, CompletableFuture<StoreOutcome> done) implements Request {
        SealedEnvelope envelope() {
            return queued.envelope();
        }
    }

    /** Stores handed over together (a sealer's pass): one queue entry, so they land in one transaction. */
    private record StoreRun(List<StoreRequest> stores) implements Request {
    }

    /** A transaction's worth of acknowledgements waits: commit them even without a store. */
    private record AckRequest() implements Request {
    }

    private record SweepRequest(CompletableFuture<Void> done) implements Request {
    }

    private record StopRequest() implements Request {
    }

    private final OutboxEngine engine;
    private final OutboxSettings settings;
    private final Batch batch;
    private final AgeRule age;
    private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    private final java.util.concurrent.Semaphore queuedKib = new java.util.concurrent.Semaphore(MAX_QUEUED_KIB);
    private final AtomicLong commits = new AtomicLong();
    private final Thread thread;
    /** An age alarm stays this long after the last expiry, so an operator has time to see it. */
    static final java.time.Duration EXPIRED_ALARM_HOLD = java.time.Duration.ofHours(1);

    private volatile boolean running = true;
    /** When the next sweep is due, on the monotonic clock: a wall clock set back must not stop expiry. */
    private long nextSweepTick;
    private Instant lastExpiry = Instant.MIN;
    /** Acknowledgements waiting for the next transaction (writer thread only), and since when (monotonic). */
    private final List<Long> heldAcks = new ArrayList<>();
    private long acksHeldSince;
    /** heldAcks' size, for tests on other threads. */
    private volatile int held;
    /** Acknowledgements not yet taken by the writer thread, and how many. */
    private final java.util.concurrent.ConcurrentLinkedQueue<Long> ackQueue = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicInteger acksQueued = new java.util.concurrent.atomic.AtomicInteger();

    OutboxWriter(OutboxEngine engine, OutboxSettings settings) {
        this.engine = engine;
        this.settings = settings;
        this.batch = new Batch(settings);
        this.age = new AgeRule(engine.monotonicNanos());
        this.nextSweepTick = engine.monotonicNanos().getAsLong();
        SqliteStore store = engine.currentStore();
        if (store != null) {
            // before anything is stored: a clock stepped back over a restart is told apart from new rows
            expire(store, engine.clock().instant());
        }
        this.thread = new Thread(this::run, "wardgate-outbox-writer");
        thread.setDaemon(true);
        thread.start();
    }

    StoreOutcome store(SealedEnvelope envelope, Precedence precedence) {
        // Not interruptible on purpose: the caller must learn whether its envelope was committed.
        return storeAsync(envelope, precedence).join();
    }

    /**
     * Queues the envelope for the next transaction; the future completes after that transaction committed
     * (completion runs on this writer thread, so callers' continuations must be short). The queue is FIFO and
     * a transaction applies its envelopes in queue order, so one caller's envelopes are stored in its order.
     */
    CompletableFuture<StoreOutcome> storeAsync(SealedEnvelope envelope, Precedence precedence) {
        if (!running) {
            return CompletableFuture.completedFuture(StoreOutcome.REFUSED_ERROR);
        }
        CompletableFuture<StoreOutcome> done = new CompletableFuture<>();
        if (!enqueue(new StoreRequest(new Batch.Queued(envelope, precedence), done))) {
            return CompletableFuture.completedFuture(StoreOutcome.REFUSED_ERROR);
        }
        return done;
    }

    /**
     * Queues the envelopes as one entry, so the next transaction takes them all (unless more than a
     * transaction's bound are waiting ahead of them); one future per envelope, in order.
     */
    List<CompletableFuture<StoreOutcome>> storeAllAsync(List<SealedEnvelope> envelopes, Precedence precedence) {
        List<CompletableFuture<StoreOutcome>> answers = new ArrayList<>(envelopes.size());
        List<StoreRequest> run = new ArrayList<>(envelopes.size());
        for (SealedEnvelope envelope : envelopes) {
            CompletableFuture<StoreOutcome> done = new CompletableFuture<>();
            run.add(new StoreRequest(new Batch.Queued(envelope, precedence), done));
            answers.add(done);
        }
        if (!running || !enqueue(new StoreRun(List.copyOf(run)))) {
            answers.forEach(a -> a.complete(StoreOutcome.REFUSED_ERROR));
        }
        return answers;
    }

    void acknowledge(long id) {
        if (running) {
            ackQueue.add(id);
            if (acksQueued.incrementAndGet() == MAX_BATCH) {
                enqueue(new AckRequest());
            }
        }
    }

    /**
     * Moves the checked file aside on this thread (as for corruption found while writing), ahead of the stores
     * queued with the request: what is stored since the open goes into the damaged file until then.
     */
    void replaceCorrupt(SqliteStore checked, String why) {
        if (running) {
            enqueue(new CorruptRequest(checked, why));
        }
    }

    void sweepNow() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (running && enqueue(new SweepRequest(done))) {
            done.join();
        }
    }

    /** Acknowledgements waiting for a transaction to ride in (tests). */
    int heldAcknowledgements() {
        return held + acksQueued.get();
    }

    long commits() {
        return commits.get();
    }

    private boolean enqueue(Request request) {
        int kib = kibOf(request);
        try {
            queuedKib.acquire(kib);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        try {
            queue.put(request);
            return true;
        } catch (InterruptedException e) {
            queuedKib.release(kib);
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The queue room a request takes: its envelope bytes in KiB, rounded up (a run never more than all). */
    private static int kibOf(Request request) {
        long bytes = 0;
        if (request instanceof StoreRequest store) {
            bytes = store.envelope().size();
        } else if (request instanceof StoreRun run) {
            for (StoreRequest store : run.stores()) {
                bytes += store.envelope().size();
            }
        }
        return (int) Math.min(MAX_QUEUED_KIB, (bytes + 1023) / 1024);
    }

    private void taken(List<Request> requests) {
        int kib = 0;
        for (Request request : requests) {
            kib += kibOf(request);
        }
        queuedKib.release(kib);
    }

    private void run() {
        List<Request> requests = new ArrayList<>(MAX_BATCH);
        while (true) {
            try {
                long wait = Math.max(1, (nextSweepTick - engine.monotonicNanos().getAsLong()) / 1_000_000L);
                if (!heldAcks.isEmpty()) {
                    wait = Math.min(wait, Math.max(1, (acksHeldSince + ACK_HOLD.toNanos() - System.nanoTime()) / 1_000_000L));
                }
                Request first = queue.poll(Math.min(wait, 1000), TimeUnit.MILLISECONDS);
                takeAcks();
                if (first != null) {
                    requests.add(first);
                    drainUpTo(requests);
                    taken(requests);
                    if (!handle(requests)) {
                        return;
                    }
                    requests.clear();
                }
                if (!heldAcks.isEmpty() && System.nanoTime() - acksHeldSince >= ACK_HOLD.toNanos()) {
                    writeHeldAcks();
                }
                if (engine.monotonicNanos().getAsLong() - nextSweepTick >= 0) {
                    sweep();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failPending(requests);
                return;
            } catch (RuntimeException e) {
                // Never let the writer die: fail this batch, keep serving.
                LOG.error("Outbox writer failed a batch: {}", e.toString());
                failPending(requests);
                requests.clear();
            }
        }
    }

    /** Takes what is queued behind the first request, up to about MAX_BATCH stores (a run is never split). */
    private void drainUpTo(List<Request> requests) {
        int size = sizeOf(requests.get(0));
        Request next;
        while (size < MAX_BATCH && (next = queue.poll()) != null) {
            requests.add(next);
            size += sizeOf(next);
        }
    }

    private static int sizeOf(Request request) {
        return request instanceof StoreRun run ? run.stores().size() : 1;
    }

    /** Processes one drained batch; false once a stop request was seen. */
    private boolean handle(List<Request> requests) {
        List<StoreRequest> stores = new ArrayList<>();
        List<SweepRequest> sweeps = new ArrayList<>();
        boolean stop = false;
        for (Request request : requests) {
            if (request instanceof StoreRequest s) {
                stores.add(s);
            } else if (request instanceof StoreRun run) {
                stores.addAll(run.stores());
            } else if (request instanceof AckRequest) {
                takeAcks(); // those queued since the wake-up too
            } else if (request instanceof SweepRequest s) {
                sweeps.add(s);
            } else if (request instanceof CorruptRequest c) {
                if (engine.currentStore() == c.checked()) {
                    engine.replaceCorrupt(c.why());
                }
            } else {
                stop = true;
            }
        }
        // Acknowledgements alone wait for a store (or a sweep, a stop, the hold's end, a transaction's worth).
        if (!stores.isEmpty() || ((stop || !sweeps.isEmpty() || heldAcks.size() >= MAX_BATCH) && !heldAcks.isEmpty())) {
            List<Long> taken = List.copyOf(heldAcks);
            heldAcks.clear();
            held = 0;
            write(stores, taken, true);
        }
        if (!sweeps.isEmpty()) {
            sweep();
            sweeps.forEach(s -> s.done().complete(null));
        }
        return !stop;
    }

    /** Moves the queued acknowledgements to the held ones (writer thread). */
    private void takeAcks() {
        int taken = 0;
        Long id;
        boolean wasEmpty = heldAcks.isEmpty();
        while ((id = ackQueue.poll()) != null) {
            heldAcks.add(id);
            taken++;
        }
        if (taken > 0) {
            acksQueued.addAndGet(-taken);
            if (wasEmpty) {
                acksHeldSince = System.nanoTime(); // a performance bound, not an age: the real monotonic clock
            }
            held = heldAcks.size();
        }
    }

    private void writeHeldAcks() {
        List<Long> taken = List.copyOf(heldAcks);
        heldAcks.clear();
        held = 0;
        write(List.of(), taken, true);
    }

    private void write(List<StoreRequest> stores, List<Long> acks, boolean retryOnCorrupt) {
        SqliteStore store = engine.currentStore();
        if (store == null) {
            engine.openStore();
            store = engine.currentStore();
        }
        if (store == null) {
            stores.forEach(s -> s.done().complete(StoreOutcome.REFUSED_ERROR));
            return;
        }
        List<Batch.Queued> envelopes = stores.stream().map(StoreRequest::queued).toList();
        long bytes = engine.usage().bytes();
        try {
            // Deletions alone need no fsync of their own (lost in a power cut, they are a re-send).
            Batch.Outcome outcome = store.transaction(tx -> batch.apply(tx, acks, envelopes, bytes, 0),
                    !envelopes.isEmpty());
            commits.incrementAndGet();
            engine.committed(outcome, false);
            complete(stores, outcome);
        } catch (StoreException e) {
            switch (e.kind()) {
                case FULL -> writeOneByOne(store, stores, acks);
                case CORRUPT -> {
                    engine.replaceCorrupt(e.getMessage());
                    if (retryOnCorrupt) {
                        write(stores, List.of(), false);
                    } else {
                        stores.forEach(s -> s.done().complete(StoreOutcome.REFUSED_ERROR));
                    }
                }
                case OTHER -> {
                    engine.raise(Condition.DATABASE_ERROR, "outbox database error: " + e.getMessage());
                    engine.audit().loss("OUTBOX_ERROR", Outcome.FAILURE, "database error: " + e.getMessage(),
                            stores.size(), stores.stream().mapToLong(s -> s.envelope().size()).sum());
                    stores.forEach(s -> s.done().complete(StoreOutcome.REFUSED_ERROR));
                }
            }
        }
    }

    /** The disk is full: each envelope on its own, making room by the policy where it allows. */
    private void writeOneByOne(SqliteStore store, List<StoreRequest> stores, List<Long> acks) {
        engine.raise(Condition.DISK_FULL, "disk full: the outbox database cannot grow (policy " + settings.policy() + ")");
        if (!acks.isEmpty()) {
            try {
                List<Removed> acknowledged = store.transaction(tx -> tx.delete(acks));
                commits.incrementAndGet();
                engine.committed(new Batch.Outcome(acknowledged, List.of(), List.of()), true);
            } catch (StoreException e) {
                LOG.warn("Outbox could not delete acknowledged envelopes ({}); they will be sent again", e.kind());
            }
        }
        for (StoreRequest request : stores) {
            List<Batch.Queued> one = List.of(request.queued());
            Batch.Outcome outcome;
            try {
                long bytes = engine.usage().bytes();
                outcome = store.transaction(tx -> batch.apply(tx, List.of(), one, bytes, 0));
                commits.incrementAndGet();
                engine.committed(outcome, false);
            } catch (StoreException first) {
                try {
                    long bytes = engine.usage().bytes();
                    long room = Math.max(DISK_FULL_HEADROOM, 2L * request.envelope().size());
                    outcome = store.transaction(tx -> batch.apply(tx, List.of(), one, bytes, room));
                    commits.incrementAndGet();
                    engine.committed(outcome, true);
                } catch (StoreException second) {
                    engine.audit().loss("OUTBOX_REFUSED", Outcome.FAILURE, "disk full: " + second.getMessage(), 1,
                            request.envelope().size());
                    request.done().complete(StoreOutcome.REFUSED_FULL);
                    continue;
                }
            }
            complete(List.of(request), outcome);
        }
    }

    /** Answers the callers of a committed transaction; the engine remembers the stored sequence numbers first. */
    private void complete(List<StoreRequest> stores, Batch.Outcome outcome) {
        for (int i = 0; i < stores.size(); i++) {
            if (outcome.results().get(i).id() >= 0) {
                var tags = stores.get(i).envelope().tags();
                engine.sequenceStored(tags.deviceId(), tags.epoch(), tags.sequence());
            }
        }
        for (int i = 0; i < stores.size(); i++) {
            stores.get(i).done().complete(outcome.results().get(i).outcome());
        }
    }

    /** Drops envelopes past the maximum age (alarm + audit), retries a lost database, flushes audit summaries. */
    private void sweep() {
        if (!heldAcks.isEmpty()) {
            writeHeldAcks(); // before expiry: an acknowledged envelope is deleted as acknowledged, not as expired
        }
        Instant now = engine.clock().instant();
        nextSweepTick = engine.monotonicNanos().getAsLong() + settings.sweepInterval().toNanos();
        SqliteStore store = engine.currentStore();
        if (store == null) {
            engine.openStore();
            store = engine.currentStore();
        }
        if (store != null) {
            expire(store, now);
        }
        engine.audit().flush(false);
    }

    private void expire(SqliteStore store, Instant now) {
        long count = 0;
        long bytes = 0;
        try {
            List<AgeRule.Segment> segments = store.transaction(tx -> age.plan(store, tx, now, settings.maxAge()));
            commits.incrementAndGet();
            for (AgeRule.Segment segment : segments) {
                List<Removed> removed;
                do {
                    removed = store.transaction(tx -> tx.delete(tx.sealedBefore(segment.cutoff(), segment.above(),
                            segment.atMost(), EXPIRY_PAGE).stream().map(Removed::id).toList()));
                    commits.incrementAndGet();
                    engine.expired(removed);
                    count += removed.size();
                    bytes += removed.stream().mapToLong(Removed::size).sum();
                } while (removed.size() == EXPIRY_PAGE);
            }
        } catch (StoreException e) {
            LOG.warn("Outbox expiry failed ({}); will retry", e.kind());
        }
        if (count > 0) {
            lastExpiry = now;
            engine.raise(Condition.EXPIRED, "envelopes older than " + settings.maxAge() + " were dropped");
            engine.audit().loss("OUTBOX_EXPIRED", Outcome.WARNING, "older than the maximum age " + settings.maxAge(),
                    count, bytes);
        } else if (!now.isBefore(lastExpiry.plus(EXPIRED_ALARM_HOLD))) {
            engine.clear(Condition.EXPIRED);
        }
    }

    private static void failPending(List<Request> requests) {
        for (Request request : requests) {
            if (request instanceof StoreRequest s) {
                s.done().complete(StoreOutcome.REFUSED_ERROR);
            } else if (request instanceof StoreRun run) {
                run.stores().forEach(s -> s.done().complete(StoreOutcome.REFUSED_ERROR));
            } else if (request instanceof SweepRequest s) {
                s.done().complete(null);
            }
        }
    }

    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        if (!queue.offer(new StopRequest())) {
            thread.interrupt();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Request> left = new ArrayList<>();
        queue.drainTo(left);
        failPending(left);
    }
}
