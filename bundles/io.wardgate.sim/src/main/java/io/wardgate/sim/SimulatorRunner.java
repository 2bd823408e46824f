package io.wardgate.sim;

import io.wardgate.api.sim.SimulatedDevice;
import io.wardgate.sim.pty.PtyPair;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hosts a {@link SimulatedDevice} on a pseudo-terminal, reachable through a symbolic link (the path a
 * port configuration names, like a udev stable name). {@link #unplug()} removes the link and hangs the
 * line up; {@link #replug()} makes a new pair behind the same link, so reconnection can be tested.
 *
 * <p>Two daemon threads per runner: one ticks the device every tick period, one passes what the host
 * wrote to the device. The device is only ever called under one lock. Bytes the device sends while
 * unplugged are dropped, as on a cable that is not there.
 */
public final class SimulatorRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatorRunner.class);

    private final SimulatedDevice device;
    private final Path link;
    private final Object deviceLock = new Object();
    private final ScheduledExecutorService ticker;
    private final Thread hostReader;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Consumer<byte[]> wire = this::toHost;
    private volatile PtyPair pair;
    private volatile boolean running = true;

    /**
     * Starts ticking at once; the device is plugged in by {@link #plug()}.
     *
     * @param link the symbolic link to create (its directory must exist); replaced if present
     * @param tickPeriod how often the device's {@code tick} runs, 1 ms to 1 s
     */
    public SimulatorRunner(SimulatedDevice device, Path link, Duration tickPeriod) {
        this.device = Objects.requireNonNull(device, "device");
        this.link = link.toAbsolutePath();
        if (tickPeriod.compareTo(Duration.ofMillis(1)) < 0 || tickPeriod.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("tick period must be 1 ms to 1 s: " + tickPeriod);
        }
        String name = "wardgate-sim-" + this.link.getFileName();
        ticker = Executors.newSingleThreadScheduledExecutor(task -> daemon(task, name + "-tick"));
        ticker.scheduleWithFixedDelay(this::tick, 0, tickPeriod.toNanos(), TimeUnit.NANOSECONDS);
        hostReader = daemon(this::readHost, name + "-host");
        hostReader.start();
    }

    /** A runner with the device plugged in, ticking every 10 ms. */
    public static SimulatorRunner plugged(SimulatedDevice device, Path link) throws IOException {
        SimulatorRunner runner = new SimulatorRunner(device, link, Duration.ofMillis(10));
        try {
            runner.plug();
        } catch (IOException | RuntimeException e) {
            runner.close();
            throw e;
        }
        return runner;
    }

    /** Makes a new pseudo-terminal and points the link at it. Does nothing when already plugged. */
    public synchronized void plug() throws IOException {
        if (pair != null) {
            return;
        }
        PtyPair fresh = PtyPair.open();
        try {
            Path temporary = link.resolveSibling(link.getFileName() + ".new");
            Files.deleteIfExists(temporary);
            Files.createSymbolicLink(temporary, fresh.slavePath());
            Files.move(temporary, link, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            fresh.close();
            throw e;
        }
        pair = fresh;
        LOG.debug("{} plugged in at {}", link, fresh.slavePath());
    }

    /** Removes the link and hangs the line up. Does nothing when already unplugged. */
    public synchronized void unplug() {
        PtyPair old = pair;
        if (old == null) {
            return;
        }
        pair = null;
        try {
            Files.deleteIfExists(link);
        } catch (IOException e) {
            LOG.warn("could not remove {}: {}", link, e.toString());
        }
        old.close();
        LOG.debug("{} unplugged", link);
    }

    public void replug() throws IOException {
        unplug();
        plug();
    }

    public Path link() {
        return link;
    }

    /** The current slave path, while plugged in. */
    public Optional<Path> slavePath() {
        PtyPair current = pair;
        return current == null ? Optional.empty() : Optional.of(current.slavePath());
    }

    /** Bytes delivered to the line so far. */
    public long bytesSent() {
        return sent.get();
    }

    /** Bytes the device sent while unplugged (or as the line closed). */
    public long bytesDropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        running = false;
        ticker.shutdownNow();
        hostReader.interrupt();
        unplug();
        try {
            ticker.awaitTermination(2, TimeUnit.SECONDS);
            hostReader.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void tick() {
        try {
            synchronized (deviceLock) {
                device.tick(Instant.now(), wire);
            }
        } catch (RuntimeException e) {
            // A faulty simulator must not stop the schedule (an exception would cancel it).
            LOG.warn("simulated device {} failed in tick: {}", link, e.toString());
        }
    }

    private void readHost() {
        byte[] buffer = new byte[4096];
        while (running) {
            PtyPair current = pair;
            try {
                if (current == null) {
                    synchronized (this) {
                        wait(50);
                    }
                    continue;
                }
                int n = current.masterInput().read(buffer, 0, buffer.length);
                if (n > 0) {
                    byte[] bytes = java.util.Arrays.copyOf(buffer, n);
                    synchronized (deviceLock) {
                        device.fromHost(bytes, Instant.now(), wire);
                    }
                }
            } catch (InterruptedException | java.io.InterruptedIOException e) {
                return;
            } catch (IOException | RuntimeException e) {
                LOG.debug("host reader on {}: {}", link, e.toString());
            }
        }
    }

    private void toHost(byte[] bytes) {
        PtyPair current = pair;
        if (current == null) {
            dropped.addAndGet(bytes.length);
            return;
        }
        try {
            OutputStream out = current.masterOutput();
            out.write(bytes);
            sent.addAndGet(bytes.length);
        } catch (IOException e) {
            dropped.addAndGet(bytes.length);
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
