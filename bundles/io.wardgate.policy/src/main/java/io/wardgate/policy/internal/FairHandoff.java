package io.wardgate.policy.internal;

import io.wardgate.api.pipeline.AdmittedReadings;
import io.wardgate.api.pipeline.Sealer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands admitted readings to the sealer one batch at a time. When nothing is queued and nothing is being
 * sealed, the submitting thread hands its batch over itself: the sealer's {@code seal} returns at once
 * (it queues the work for its own thread), and a hand-off thread woken for every line was a wake-up per
 * reading line for nothing (issue 25). While a batch is being handed over, later ones queue and the hand-off
 * thread takes them: each device has its own bounded queue, and devices with work take turns (round robin,
 * one batch per turn), so a device sending more than the sealer takes fills only its own queue and cannot
 * delay another device by more than one batch per device. A submitting thread never hands over another
 * device's batch, and at most one batch is with the sealer at a time (a device's batches stay in order).
 */
final class FairHandoff implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FairHandoff.class);

    private final Sealer sealer;
    private final Predicate<AdmittedReadings> stillAllowed;
    private final Map<String, ArrayDeque<AdmittedReadings>> queues = new HashMap<>();
    private final ArrayDeque<String> turns = new ArrayDeque<>();
    private final Thread thread;
    private volatile int capacity;
    private boolean closed;
    /** A batch is with the sealer (on a submitting thread or the hand-off thread); guarded by this. */
    private boolean sealing;

    /**
     * @param stillAllowed checked just before sealing, so a revocation also stops what was queued
     * @param capacity batches queued per device before new ones are refused
     */
    FairHandoff(Sealer sealer, Predicate<AdmittedReadings> stillAllowed, int capacity, ThreadFactory threads) {
        this.sealer = sealer;
        this.stillAllowed = stillAllowed;
        this.capacity = capacity;
        this.thread = threads.newThread(this::run);
        thread.start();
    }

    void setCapacity(int batchesPerDevice) {
        capacity = batchesPerDevice;
    }

    /**
     * Hands a batch over at once on this thread when the hand-off is idle, or queues it for its device;
     * false when that device's queue is full (the batch is dropped).
     */
    boolean offer(String deviceId, AdmittedReadings batch) {
        synchronized (this) {
            if (closed) {
                return false;
            }
            if (sealing || !turns.isEmpty()) {
                return enqueue(deviceId, batch);
            }
            sealing = true;
        }
        try {
            seal(batch);
        } finally {
            synchronized (this) {
                sealing = false;
                if (!turns.isEmpty()) {
                    notifyAll(); // what queued meanwhile is the hand-off thread's
                }
            }
        }
        return true;
    }

    private boolean enqueue(String deviceId, AdmittedReadings batch) {
        ArrayDeque<AdmittedReadings> queue = queues.get(deviceId);
        if (queue == null) {
            queue = new ArrayDeque<>();
            queues.put(deviceId, queue);
            turns.addLast(deviceId);
            if (!sealing) {
                notifyAll();
            }
        } else if (queue.size() >= capacity) {
            return false;
        }
        queue.addLast(batch);
        return true;
    }

    /** Drops everything queued for a device (revoked). Returns how many batches were dropped. */
    synchronized int discard(String deviceId) {
        ArrayDeque<AdmittedReadings> queue = queues.remove(deviceId);
        turns.remove(deviceId);
        return queue == null ? 0 : queue.size();
    }

    private void run() {
        while (true) {
            AdmittedReadings batch;
            synchronized (this) {
                while ((turns.isEmpty() || sealing) && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                String deviceId = turns.pollFirst();
                ArrayDeque<AdmittedReadings> queue = queues.get(deviceId);
                batch = queue.pollFirst();
                if (queue.isEmpty()) {
                    queues.remove(deviceId);
                } else {
                    turns.addLast(deviceId);
                }
                sealing = true;
            }
            try {
                seal(batch);
            } finally {
                synchronized (this) {
                    sealing = false;
                }
            }
        }
    }

    private void seal(AdmittedReadings batch) {
        try {
            if (stillAllowed.test(batch)) {
                sealer.seal(batch);
            }
        } catch (RuntimeException e) {
            LOG.error("sealer failed for device {}", batch.readings().device().id(), e);
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            queues.clear();
            turns.clear();
            notifyAll();
        }
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
