package io.wardgate.serial;

import io.wardgate.api.DeviceEvent;
import io.wardgate.api.driver.ProtocolSession;
import io.wardgate.api.driver.SerialDriver;
import io.wardgate.api.pipeline.ReadingIntake;
import io.wardgate.shared.retry.Backoff;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One port's own daemon thread: wait for the protocol's driver while none is installed, open the line
 * (retrying with backoff), feed every byte read to a fresh session of the driver, tick the session between reads, write what it asks to send, notice
 * silence, and start over when the line is lost or the driver goes away. Nothing a device sends, and no failure of the
 * session or the intake, leaves this thread; other ports never share anything with it.
 *
 * <p>The session's ticks run on this same thread, between reads, so the session needs no lock. A session that
 * talks (asked to send something within {@link #LISTENING_AFTER}: polls, keep-alives, acknowledgements) is
 * ticked every {@link #TICK}; one that only listens (a device that talks by itself) every {@link #LISTENING_TICK},
 * and its reads wait that long: twenty idle ports then wake the gateway 20 times a second, not 200; a listening
 * session that tells frames apart by pauses ({@link ProtocolSession#pauseToNotice}, Nonin DF8) is also ticked when
 * the pause after its bytes is over, and its reads wait only that long. Silence is
 * noticed within one such tick; a lost line at once (the read fails); a stop wakes the read
 * ({@link SerialLine#wake}). Intervals (ticks, silence) use the monotonic clock; time stamps come from the given clock.
 */
final class PortWorker {
    private static final Logger LOG = LoggerFactory.getLogger(PortWorker.class);
    static final Duration TICK = Duration.ofMillis(SerialLines.READ_TIMEOUT_MILLIS);
    static final Duration LISTENING_TICK = Duration.ofSeconds(1);
    /** A session that has asked to send nothing for this long (or never) is ticked every LISTENING_TICK. */
    static final Duration LISTENING_AFTER = Duration.ofSeconds(10);
    /** Ticked this much after a session's {@link ProtocolSession#pauseToNotice}, so that the pause has surely passed. */
    static final Duration PAUSE_MARGIN = Duration.ofMillis(20);
    static final Duration MALFORMED_REPORT_INTERVAL = Duration.ofSeconds(10);
    private static final int READ_BUFFER_BYTES = 4096;
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);
    /** How long one wait for a missing driver lasts before the thread checks for a stop request. */
    private static final Duration DRIVER_WAIT = Duration.ofMillis(200);

    private final PortSettings settings;
    private final ReadingIntake intake;
    private final SerialLines lines;
    private final SerialDriverCatalog drivers;
    private final Clock clock;
    private final Backoff.Sequence backoff;
    private final Thread thread;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile String stopReason = "port stopped";
    /** The open line, for {@link #stop} to wake its read; null while none is open. */
    private volatile SerialLine current;
    private int openFailures;
    /** The driver whose line settings were last compared with the port's (warn once, not per retry). */
    private SerialDriver lineChecked;

    PortWorker(PortSettings settings, ReadingIntake intake, SerialLines lines, SerialDriverCatalog drivers, Clock clock,
            DoubleSupplier random) {
        this.settings = settings;
        this.intake = intake;
        this.lines = lines;
        this.drivers = drivers;
        this.clock = clock;
        this.backoff = new Backoff(settings.reconnectMin(), settings.reconnectMax()).sequence(random);
        this.thread = new Thread(this::run, "wardgate-serial-" + settings.path());
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler((t, e) -> LOG.error("{}: reader thread died", settings.path(), e));
    }

    void start() {
        thread.start();
    }

    /** Asks the thread to close the line and end, and waits a little for it. */
    void stop(String reason) {
        stopReason = reason;
        stopping.countDown();
        SerialLine line = current;
        if (line != null) {
            line.wake();
        }
        try {
            thread.join(STOP_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("{}: reader thread did not end within {}", settings.path(), STOP_WAIT);
        }
    }

    boolean isRunning() {
        return thread.isAlive();
    }

    private boolean stopRequested() {
        return stopping.getCount() == 0;
    }

    /** Waits, or returns true at once when asked to stop. */
    private boolean pause(Duration wait) {
        try {
            return stopping.await(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private void run() {
        PortOutput output = new PortOutput(settings, intake, clock, new MalformedInputLimiter(MALFORMED_REPORT_INTERVAL));
        while (!stopRequested()) {
            try {
                SerialDriver driver = awaitDriver(output);
                if (driver == null) {
                    break;
                }
                SerialLine line = open();
                if (line != null && serve(line, output, driver)) {
                    backoff.reset();
                }
            } catch (RuntimeException e) {
                LOG.error("{}: unexpected failure; retrying", settings.path(), e);
            }
            if (!stopRequested() && pause(backoff.next())) {
                break;
            }
        }
    }

    /** The port's driver; while none is installed, says so once and waits. Null when asked to stop. */
    private SerialDriver awaitDriver(PortOutput output) {
        boolean told = false;
        while (!stopRequested()) {
            long seen = drivers.generation();
            SerialDriver driver = drivers.find(settings.protocol()).orElse(null);
            if (driver != null) {
                if (told) {
                    LOG.info("{}: protocol driver '{}' installed; opening the port", settings.path(), settings.protocol());
                }
                if (driver != lineChecked && !driver.line().equals(settings.line())) {
                    LOG.warn("{}: configured {}, protocol {} expects {}", settings.path(), settings.line(),
                            settings.protocol(), driver.line());
                }
                lineChecked = driver;
                return driver;
            }
            if (!told) {
                told = true;
                String detail = "waiting for the protocol driver '" + settings.protocol() + "': not installed (installed: "
                        + String.join(", ", drivers.names()) + ")";
                LOG.warn("{}: {}", settings.path(), detail);
                output.report(DeviceEvent.Kind.DISCONNECTED, detail);
            }
            try {
                drivers.awaitChange(seen, DRIVER_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private SerialLine open() {
        try {
            SerialLine line = lines.open(settings.path(), settings.line());
            if (openFailures > 0) {
                LOG.info("{}: opened after {} failed attempts", settings.path(), openFailures);
            }
            openFailures = 0;
            return line;
        } catch (IOException | RuntimeException e) {
            openFailures++;
            // The first failure says why; the retries (every few seconds to minutes) stay quiet.
            if (openFailures == 1) {
                LOG.warn("{}: cannot open ({}); retrying with backoff", settings.path(), e.getMessage());
            } else {
                LOG.debug("{}: still cannot open ({})", settings.path(), e.getMessage());
            }
            return null;
        }
    }

    /** Runs one connection until the line is lost or a stop is asked for; returns whether data came. */
    private boolean serve(SerialLine line, PortOutput output, SerialDriver driver) {
        byte[] buffer = new byte[READ_BUFFER_BYTES];
        long silenceNanos = settings.silenceTimeout().toNanos();
        boolean receivedData = false;
        String reason = stopReason;
        output.connected("opened " + settings.path() + " at " + settings.line() + ", protocol " + settings.protocol());
        current = line;
        try {
            Session session = new Session(output, driver);
            session.start();
            long lastData = System.nanoTime();
            long lastSend = write(line, output) ? lastData : lastData - LISTENING_AFTER.toNanos();
            Duration tick = TICK;
            long regularTick = lastData + tick.toNanos();
            long nextTick = regularTick; // or when a session's pause ends (pauseToNotice)
            long driversSeen = Long.MIN_VALUE; // the first tick looks the driver up: it may have changed since
            boolean silent = false;
            while (!stopRequested()) {
                int n = line.read(buffer, 0, buffer.length);
                long now = System.nanoTime();
                if (n > 0) {
                    receivedData = true;
                    lastData = now;
                    silent = false;
                    session.receive(buffer, n);
                    nextTick = nextTick(regularTick, lastData, now, tick, session.pauseNanos());
                }
                if (now - nextTick >= 0) {
                    long generation = drivers.generation();
                    if (generation != driversSeen) {
                        driversSeen = generation;
                        if (drivers.find(settings.protocol()).orElse(null) != driver) {
                            reason = "protocol driver '" + settings.protocol() + "' removed or replaced";
                            break;
                        }
                    }
                    session.tick();
                    output.tick(now);
                    Duration next = now - lastSend >= LISTENING_AFTER.toNanos() ? LISTENING_TICK : TICK;
                    if (!next.equals(tick)) {
                        tick = next;
                        line.readTimeout(readWait(tick, session.pauseNanos()));
                    }
                    regularTick = now + tick.toNanos();
                    // bytes that came just before a switch to listening still get their pause noticed
                    nextTick = nextTick(regularTick, lastData, now, tick, session.pauseNanos());
                }
                if (!silent && now - lastData >= silenceNanos) {
                    silent = true;
                    output.report(DeviceEvent.Kind.SILENT, "no data for " + settings.silenceTimeout().toSeconds() + " s");
                }
                output.flushReadings();
                if (write(line, output)) {
                    lastSend = now;
                    if (!tick.equals(TICK)) {
                        tick = TICK;
                        line.readTimeout(readWait(tick, session.pauseNanos()));
                        regularTick = Math.min(regularTick, now + tick.toNanos());
                        nextTick = Math.min(nextTick, regularTick);
                    }
                }
            }
            if (stopRequested()) {
                reason = stopReason;
            }
        } catch (IOException e) {
            reason = stopRequested() ? stopReason : "line lost: " + e.getMessage();
        } catch (RuntimeException e) {
            reason = "line failed: " + e;
            LOG.warn("{}: serial line failed", settings.path(), e);
        } finally {
            current = null;
            line.close();
        }
        output.disconnected(reason);
        LOG.info("{}: disconnected ({})", settings.path(), reason);
        return receivedData;
    }

    /** Writes what the session asked to send; whether there was anything. */
    private static boolean write(SerialLine line, PortOutput output) throws IOException {
        boolean sent = false;
        for (byte[] bytes : output.takeSends()) {
            line.write(bytes);
            sent = true;
        }
        return sent;
    }

    /**
     * When to tick next: at the regular tick, or, for a listening session that frames by pauses, when the pause
     * after the last bytes ends (the regular tick may slip by as much, so that bytes keep no tick away for long).
     */
    private static long nextTick(long regularTick, long lastData, long now, Duration tick, long pauseNanos) {
        long pause = noticedPause(tick, pauseNanos);
        long pauseEnds = lastData + pause;
        if (pause == 0 || pauseEnds - now <= 0) {
            return regularTick;
        }
        return Math.min(pauseEnds, regularTick + pause);
    }

    /** How long a read waits: the tick, or a shorter pause (plus margin) that a listening session needs noticed. */
    private static Duration readWait(Duration tick, long pauseNanos) {
        long pause = noticedPause(tick, pauseNanos);
        return pause > 0 ? Duration.ofNanos(pause) : tick;
    }

    /** The session's pause plus margin when the tick is longer than that (a listening port); else 0. */
    private static long noticedPause(Duration tick, long pauseNanos) {
        long pause = pauseNanos + PAUSE_MARGIN.toNanos();
        return pauseNanos > 0 && tick.toNanos() > pause ? pause : 0;
    }

    /** The protocol session of one connection; a session that throws is replaced by a fresh one. */
    private final class Session {
        private final PortOutput output;
        private final SerialDriver driver;
        private ProtocolSession session;
        private long pauseNanos;

        Session(PortOutput output, SerialDriver driver) {
            this.output = output;
            this.driver = driver;
            open();
        }

        private void open() {
            session = driver.openSession();
            pauseNanos = pauseOf(session);
        }

        void start() {
            guarded(() -> session.start(clock.instant(), output));
        }

        void receive(byte[] bytes, int length) {
            guarded(() -> session.receive(bytes, 0, length, clock.instant(), output));
        }

        void tick() {
            guarded(() -> session.tick(clock.instant(), output));
        }

        /** The session's {@link ProtocolSession#pauseToNotice} in nanoseconds, at most a listening tick; 0: none. */
        long pauseNanos() {
            return pauseNanos;
        }

        private static long pauseOf(ProtocolSession session) {
            try {
                Duration pause = session.pauseToNotice();
                return pause == null || pause.isNegative() ? 0 : Math.min(pause.toNanos(), LISTENING_TICK.toNanos());
            } catch (RuntimeException e) {
                return 0; // a session must not throw; one that does here gets no pause ticks
            }
        }

        /** A session must never throw; if one does anyway (a bug), the bytes are lost, not the port. */
        private void guarded(Runnable call) {
            try {
                call.run();
            } catch (RuntimeException e) {
                LOG.error("{}: protocol session {} failed; starting a fresh one", settings.path(), settings.protocol(), e);
                output.malformed(System.nanoTime(), "decoder failure (" + e.getClass().getSimpleName()
                        + "); protocol session restarted");
                open();
                try {
                    Instant now = clock.instant();
                    session.start(now, output);
                } catch (RuntimeException again) {
                    LOG.error("{}: fresh protocol session failed to start", settings.path(), again);
                }
            }
        }
    }
}
