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
 * Hands admitted readings to the sealer on one thread of its own, so a source's reader thread never
 * waits for sealing. Each device has its own bounded queue, and devices with work take turns
 * (round robin, one batch per turn): a device sending more than the sealer takes fills only its
 * own queue and cannot delay another device by more than one batch per device.
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

    /** Queues a batch for its device; false when that device's queue is full (the batch is dropped). */
    boolean offer(String deviceId, AdmittedReadings batch) {
        synchronized (this) {
            if (closed) {
                return false;
            }
            ArrayDeque<AdmittedReadings> queue = queues.get(deviceId);
            if (queue == null) {
                queue = new ArrayDeque<>();
                queues.put(deviceId, queue);
                turns.addLast(deviceId);
                notifyAll();
            } else if (queue.size() >= capacity) {
                return false;
            }
            queue.addLast(batch);
            return true;
        }
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
                while (turns.isEmpty() && !closed) {
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
            }
            seal(batch);
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
