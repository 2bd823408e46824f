package io.wardgate.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.api.DeviceEvent;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
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
