package io.wardgate.runtime;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.osgi.framework.BundleContext;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises the framework to its final start level once the first reading no longer competes with what
 * starts there (web console, updates, self-check, audit export): when the uplink has made its first
 * connection, when no uplink is configured (at once), or when the bound passed (the broker may be
 * down: the rest of the gateway still comes up). The appliance launches at the data path's level
 * (docs/operations.md, "What starts when"); outside it (Kura, a plain framework) the launch property is
 * absent and nothing here runs.
 */
final class LaterStartLevel implements AutoCloseable {
    /** Launch property: the start level to raise the framework to. Absent: start levels are not ours to change. */
    static final String FINAL_LEVEL = "wardgate.startlevel.final";
    private static final Logger LOG = LoggerFactory.getLogger(LaterStartLevel.class);
    private static final long LOOK_MILLIS = 50;

    private final FrameworkStartLevel framework;
    private final int target;
    private final BooleanSupplier uplinkConnected;
    private final long startedAt = System.nanoTime();
    private final long deadline;
    private final AtomicBoolean raised = new AtomicBoolean();
    private final AtomicInteger looks = new AtomicInteger();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "wardgate-start-level");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param uplinkConfigured whether the configuration directory holds an uplink (else: raise at once)
     * @param uplinkConnected whether the uplink has connected (asked every 50 ms until the bound)
     */
    LaterStartLevel(BundleContext context, int target, boolean uplinkConfigured, BooleanSupplier uplinkConnected,
            Duration bound) {
        this.framework = context.getBundle(0).adapt(FrameworkStartLevel.class);
        // Bundles installed later (an update) get the initial bundle start level: they must start too.
        this.target = Math.max(target, framework.getInitialBundleStartLevel());
        this.uplinkConnected = uplinkConnected;
        this.deadline = startedAt + bound.toNanos();
        if (uplinkConfigured) {
            timer.scheduleWithFixedDelay(this::look, 0, LOOK_MILLIS, TimeUnit.MILLISECONDS);
        } else {
            timer.execute(() -> raise("no uplink configured"));
        }
    }

    /** The final level from the launch property, or -1 when absent or not a positive number (then nothing is raised). */
    static int finalLevel(String property) {
        if (property == null) {
            return -1;
        }
        try {
            int level = Integer.parseInt(property.trim());
            return level > 0 ? level : -1;
        } catch (NumberFormatException e) {
            LOG.error("{}={} is not a start level: the framework stays at its beginning level", FINAL_LEVEL, property);
            return -1;
        }
    }

    /** How often the uplink was asked (tests wait on it instead of on time). */
    int looks() {
        return looks.get();
    }

    boolean raised() {
        return raised.get();
    }

    private void look() {
        looks.incrementAndGet();
        boolean connected;
        try {
            connected = uplinkConnected.getAsBoolean();
        } catch (RuntimeException e) {
            connected = false; // an uplink going away while asked: the bound still applies
        }
        if (connected) {
            raise("uplink connected");
        } else if (System.nanoTime() - deadline >= 0) {
            raise("uplink not connected within the bound");
        }
    }

    private void raise(String why) {
        if (!raised.compareAndSet(false, true)) {
            return;
        }
        timer.shutdown();
        int current = framework.getStartLevel();
        if (current >= target) {
            return;
        }
        LOG.info("Raising the start level {} -> {} ({}, {} ms after the runtime bundle started)", current, target, why,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
        framework.setStartLevel(target); // asynchronous: the framework's start-level thread starts the bundles
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
