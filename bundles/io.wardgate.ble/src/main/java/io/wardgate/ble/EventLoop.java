package io.wardgate.ble;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One event thread that owns the driver's state, and a small pool for the blocking D-Bus calls whose
 * outcomes come back to the event thread. A call belongs to a generation: after a reset (BlueZ or the
 * bus went away) the answers to older calls are dropped, since they describe a world that is gone.
 */
final class EventLoop {
    private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);

    private final ScheduledExecutorService events;
    private final ExecutorService calls;
    // Owned by the event thread.
    private final Set<String> inFlight = new HashSet<>();
    private long generation;

    EventLoop(String name, int callThreads) {
        events = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, name + "-events"));
        calls = Executors.newFixedThreadPool(callThreads, r -> daemon(r, name + "-calls"));
    }

    void every(Duration period, Runnable task) {
        events.scheduleWithFixedDelay(() -> guarded(task), 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} on the event thread; whatever it throws is logged, never fatal. */
    void post(Runnable task) {
        try {
            events.execute(() -> guarded(task));
        } catch (RejectedExecutionException stopped) {
            // stopping: nothing more to do
        }
    }

    /** Runs {@code task} off the event thread (closing a dead connection, for instance). */
    void background(Runnable task) {
        try {
            calls.execute(() -> guarded(task));
        } catch (RejectedExecutionException stopped) {
            // stopping
        }
    }

    boolean inFlight(String key) {
        return inFlight.contains(key);
    }

    /** Forgets every call under way: their answers will be dropped. */
    void newGeneration() {
        generation++;
        inFlight.clear();
    }

    void run(String key, Runnable op, Runnable ok, Consumer<RuntimeException> failed) {
        call(key, () -> {
            op.run();
            return Boolean.TRUE;
        }, done -> ok.run(), failed);
    }

    /** Runs a blocking call on the pool, once per key at a time; its outcome comes back to the event thread. */
    <T> void call(String key, Supplier<T> op, Consumer<T> ok, Consumer<RuntimeException> failed) {
        if (!inFlight.add(key)) {
            return;
        }
        long started = generation;
        LOG.debug("call {} (generation {})", key, started);
        try {
            calls.execute(() -> {
                T result;
                try {
                    result = op.get();
                } catch (RuntimeException e) {
                    post(() -> finish(key, started, () -> failed.accept(e)));
                    return;
                }
                post(() -> finish(key, started, () -> ok.accept(result)));
            });
        } catch (RejectedExecutionException stopping) {
            inFlight.remove(key);
        }
    }

    private void finish(String key, long started, Runnable then) {
        LOG.debug("done {} (generation {}, now {})", key, started, generation);
        if (started != generation) {
            return;
        }
        inFlight.remove(key);
        then.run();
    }

    /** Runs {@code task} on the event thread and waits for it, then stops both threads. */
    void stop(Runnable last, Duration wait) {
        if (events.isShutdown()) {
            return;
        }
        try {
            events.submit(last).get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warn("BLE driver did not stop cleanly: {}", e.toString());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
        events.shutdownNow();
        calls.shutdownNow();
    }

    private static void guarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("BLE event handling failed; carrying on", e);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }
}
