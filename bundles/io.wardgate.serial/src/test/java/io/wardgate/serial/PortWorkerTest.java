package io.wardgate.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.api.DeviceEvent;
import io.wardgate.api.driver.LineSettings;
import io.wardgate.api.driver.ProtocolSession;
import io.wardgate.api.driver.SerialDriver;
import io.wardgate.api.driver.SessionOutput;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Failures of the line itself, with lines made up for the purpose. */
class PortWorkerTest {
    private static final String PATH = "/dev/wardgate/faulty";
    private final RecordingIntake intake = new RecordingIntake();

    private static PortSettings settings() {
        return PortSettings.from(Configs.masimo(PATH, Map.of("reconnectMinMillis", 10, "reconnectMaxMillis", 20)));
    }

    @Test
    void aLineThatThrowsIsClosedReportedAndReopened() {
        AtomicInteger opened = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        SerialLines lines = (path, line) -> {
            opened.incrementAndGet();
            return new SerialLine() {
                @Override
                public int read(byte[] buffer, int offset, int length) {
                    throw new IllegalStateException("driver bug");
                }

                @Override
                public void write(byte[] bytes) {
                }

                @Override
                public void close() {
                    closed.incrementAndGet();
                }
            };
        };
        SerialPortComponent component = new SerialPortComponent(intake, Configs.drivers(), settings(), lines, Clock.systemUTC(), () -> 0.5);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> intake.count(PATH, DeviceEvent.Kind.DISCONNECTED) >= 3);
            assertThat(component.isRunning()).isTrue();
        } finally {
            component.deactivate();
        }
        assertThat(closed.get()).isEqualTo(opened.get());
        assertThat(intake.eventsFrom(PATH)).filteredOn(e -> e.kind() == DeviceEvent.Kind.DISCONNECTED)
                .allSatisfy(e -> assertThat(e.detail()).isIn("line failed: java.lang.IllegalStateException: driver bug",
                        "port closed: configuration removed or gateway stopping"));
        assertThat(intake.submitted).isEmpty();
    }

    /**
     * A Masimo session never asks to send (the oximeter talks by itself): its port soon reads with the one-second
     * listening timeout instead of waking ten times a second, and a stop wakes the waiting read instead of waiting
     * it out. The line here waits as a tty would, on a queue, for the timeout it was last given.
     */
    @Test
    void aListeningPortReadsWithTheLongTimeoutAndAStopWakesIt() {
        List<Duration> timeouts = new CopyOnWriteArrayList<>();
        BlockingQueue<Boolean> wakes = new LinkedBlockingQueue<>();
        AtomicInteger woken = new AtomicInteger();
        SerialLines lines = (path, line) -> new SerialLine() {
            private volatile Duration timeout = Duration.ofMillis(SerialLines.READ_TIMEOUT_MILLIS);

            @Override
            public int read(byte[] buffer, int offset, int length) {
                try {
                    wakes.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return 0;
            }

            @Override
            public void readTimeout(Duration newTimeout) {
                timeouts.add(newTimeout);
                timeout = newTimeout;
            }

            @Override
            public void wake() {
                woken.incrementAndGet();
                wakes.add(true);
            }

            @Override
            public void write(byte[] bytes) {
            }

            @Override
            public void close() {
            }
        };
        SerialPortComponent component = new SerialPortComponent(intake, Configs.drivers(), settings(), lines,
                Clock.systemUTC(), () -> 0.5);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> timeouts.contains(PortWorker.LISTENING_TICK));
        } finally {
            component.deactivate();
        }
        assertThat(timeouts).containsExactly(PortWorker.LISTENING_TICK);
        assertThat(woken.get()).isEqualTo(1);
        assertThat(component.isRunning()).isFalse();
        assertThat(intake.eventsFrom(PATH)).filteredOn(e -> e.kind() == DeviceEvent.Kind.DISCONNECTED)
                .extracting(e -> e.detail()).containsExactly("port closed: configuration removed or gateway stopping");
    }

    /**
     * A session that frames by pauses (ProtocolSession.pauseToNotice) and never asks to send: its port listens from
     * the first tick on, ticking about once a second, yet ticks it when the pause after bytes is over, also for
     * bytes that came just before the port switched to listening. The bytes come 50 ms after the open, the switch
     * at the first tick (100 ms).
     */
    @Test
    void aListeningSessionIsTickedWhenItsPauseEndsNotASecondLater() {
        Duration pause = Duration.ofMillis(300);
        List<Long> ticks = new CopyOnWriteArrayList<>();
        AtomicLong bytesAt = new AtomicLong();
        SerialDriver pausing = new SerialDriver() {
            @Override
            public String protocol() {
                return "pausing";
            }

            @Override
            public String description() {
                return "frames told apart by pauses";
            }

            @Override
            public LineSettings line() {
                return LineSettings.eightNOne(9_600);
            }

            @Override
            public ProtocolSession openSession() {
                return new ProtocolSession() {
                    @Override
                    public void start(Instant now, SessionOutput out) {
                    }

                    @Override
                    public void receive(byte[] bytes, int offset, int length, Instant now,
                            SessionOutput out) {
                    }

                    @Override
                    public void tick(Instant now, SessionOutput out) {
                        ticks.add(System.nanoTime());
                    }

                    @Override
                    public Duration pauseToNotice() {
                        return pause;
                    }
                };
            }
        };
        SerialDriverCatalog drivers = new SerialDriverCatalog();
        Configs.install(drivers, pausing);
        // the line waits as a tty would, on a queue, for the timeout it was last given; one byte comes 50 ms in
        BlockingQueue<Byte> incoming = new LinkedBlockingQueue<>();
        SerialLines lines = (path, line) -> {
            CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS).execute(() -> incoming.add((byte) 1));
            return new SerialLine() {
                private volatile Duration timeout = Duration.ofMillis(SerialLines.READ_TIMEOUT_MILLIS);

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    try {
                        Byte next = incoming.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
                        if (next == null) {
                            return 0;
                        }
                        bytesAt.set(System.nanoTime());
                        buffer[offset] = next;
                        return 1;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return 0;
                    }
                }

                @Override
                public void readTimeout(Duration newTimeout) {
                    timeout = newTimeout;
                }

                @Override
                public void write(byte[] bytes) {
                }

                @Override
                public void close() {
                }
            };
        };
        SerialPortComponent component = new SerialPortComponent(intake, drivers,
                PortSettings.from(Configs.masimo(PATH, Map.of("protocol", "pausing"))), lines, Clock.systemUTC(), () -> 0.5);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> bytesAt.get() != 0
                    && ticks.stream().anyMatch(t -> t - bytesAt.get() >= Duration.ofSeconds(2).toNanos()));
        } finally {
            component.deactivate();
        }
        List<Long> after = ticks.stream().filter(t -> t > bytesAt.get()).map(t -> (t - bytesAt.get()) / 1_000_000).toList();
        // the first tick after the bytes is the switch to listening (about 50 ms), the next ends the pause
        assertThat(after).as("ms from the bytes to each later tick").anySatisfy(ms -> assertThat(ms)
                .isBetween(pause.toMillis(), pause.toMillis() + 400));
    }

    @Test
    void aPortThatCannotBeOpenedKeepsTryingQuietlyUntilStopped() {
        AtomicInteger attempts = new AtomicInteger();
        SerialLines lines = (path, line) -> {
            attempts.incrementAndGet();
            throw new IOException("no serial port at " + path);
        };
        SerialPortComponent component = new SerialPortComponent(intake, Configs.drivers(), settings(), lines, Clock.systemUTC(), () -> 0.5);
        await().atMost(Duration.ofSeconds(10)).until(() -> attempts.get() >= 5);
        component.deactivate();
        assertThat(component.isRunning()).isFalse();
        assertThat(intake.events).as("no connection, so no connection events").isEmpty();
    }
}
