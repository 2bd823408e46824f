package io.wardgate.seal.sealer;

import io.wardgate.api.pipeline.Outbox;
import io.wardgate.api.pipeline.Precedence;
import io.wardgate.api.pipeline.SealedEnvelope;
import io.wardgate.api.pipeline.StoreOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Hands sealed envelopes to the outbox on a few threads ("lanes"), a device always on the same lane.
 * Outbox.store returns only after its transaction committed (an fsync, ~5 ms on a virtual disk, more on
 * an SD card); called from the sealer thread alone, one envelope per fsync capped a gateway at about
 * 200 envelopes/s, so small batching windows queued up readings for seconds. With several lanes the
 * outbox's group commit puts several devices' envelopes under one fsync, while each device's
 * envelopes are still stored one after the other, in sequence order. A full lane blocks the sealer
 * thread (back-pressure; the sealer's pending-readings limit then drops and counts).
 */
final class StoreLanes implements AutoCloseable {
    static final int LANES = 4;
    static final int LANE_CAPACITY = 256;

    /** What became of a stored envelope; called on its lane's thread. */
    interface Done {
        void stored(SealedEnvelope envelope, StoreOutcome outcome);

        /** The outbox threw instead of answering (it should not; it is reported, the lane goes on). */
        void failed(SealedEnvelope envelope, RuntimeException error);
    }

    private record Job(SealedEnvelope envelope, Precedence precedence, boolean stop) {
    }

    private final Outbox outbox;
    private final Done done;
    private final List<BlockingQueue<Job>> queues = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Object idle = new Object();
    private int inFlight;

    StoreLanes(Outbox outbox, Done done) {
        this.outbox = outbox;
        this.done = done;
        for (int i = 0; i < LANES; i++) {
            BlockingQueue<Job> queue = new ArrayBlockingQueue<>(LANE_CAPACITY);
            Thread thread = new Thread(() -> run(queue), "wardgate-sealer-store-" + i);
            thread.setDaemon(true);
            queues.add(queue);
            threads.add(thread);
            thread.start();
        }
    }

    static int laneOf(String deviceId) {
        return Math.floorMod(deviceId.hashCode(), LANES);
    }

    /** Queues the envelope on its device's lane; blocks while that lane is full. */
    void store(SealedEnvelope envelope) throws InterruptedException {
        store(envelope, Precedence.ROUTINE);
    }

    /** Queues the envelope with a precedence for the outbox; blocks while its lane is full. */
    void store(SealedEnvelope envelope, Precedence precedence) throws InterruptedException {
        synchronized (idle) {
            inFlight++;
        }
        int lane = laneOf(envelope.tags().deviceId());
        try {
            queues.get(lane).put(new Job(envelope, precedence, false));
        } catch (InterruptedException e) {
            finished();
            throw e;
        }
    }

    /** Waits until everything queued so far is stored; false on timeout. */
    boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (idle) {
            while (inFlight > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(idle, left);
            }
            return true;
        }
    }

    private void run(BlockingQueue<Job> queue) {
        while (true) {
            Job job;
            try {
                job = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (job.stop()) {
                return;
            }
            try {
                StoreOutcome outcome;
                try {
                    outcome = job.precedence() == Precedence.ROUTINE ? outbox.store(job.envelope())
                            : outbox.store(job.envelope(), job.precedence());
                } catch (RuntimeException e) {
                    done.failed(job.envelope(), e);
                    continue;
                }
                done.stored(job.envelope(), outcome);
            } catch (RuntimeException e) {
                // reporting must not stop the lane
            } finally {
                finished();
            }
        }
    }

    private void finished() {
        synchronized (idle) {
            inFlight--;
            if (inFlight == 0) {
                idle.notifyAll();
            }
        }
    }

    /** Stores what is queued (up to 30 s), then stops the lanes. */
    @Override
    public void close() {
        try {
            awaitIdle(30, TimeUnit.SECONDS);
            for (BlockingQueue<Job> queue : queues) {
                queue.offer(new Job(null, Precedence.ROUTINE, true), 1, TimeUnit.SECONDS);
            }
            for (Thread thread : threads) {
                thread.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        threads.forEach(Thread::interrupt);
    }
}
