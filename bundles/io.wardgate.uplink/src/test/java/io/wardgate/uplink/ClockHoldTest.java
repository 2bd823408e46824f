package io.wardgate.uplink;

import static io.wardgate.uplink.UplinkFixture.firstArrivals;
import static io.wardgate.uplink.UplinkFixture.range;
import static io.wardgate.uplink.UplinkFixture.store;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.api.pipeline.Precedence;
import io.wardgate.api.time.ClockNote;
import io.wardgate.api.time.ClockState;
import io.wardgate.api.time.Synchronisation;
import io.wardgate.outbox.OutboxEngine;
import io.wardgate.testkit.MqttBroker;
import io.wardgate.testkit.TestSubscriber;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 item 2, against a real broker: while the gateway clock is not synchronised, reading envelopes
 * wait in the outbox (durable, ciphertext) and alarm streams (the clock notes among them) go out; on
 * synchronisation, or after the maximum wait, the readings follow in order.
 */
class ClockHoldTest {
    private static final String DEVICE = "serial:/dev/ttyUSB0";
    private static final String NOTES = ClockNote.DEVICE_ID + "#alarms";

    @TempDir
    Path dir;

    private UplinkFixture fixture;
    private final AtomicReference<ClockState> clock = new AtomicReference<>(state(Synchronisation.UNSYNCHRONISED));
    private final AtomicLong ticks = new AtomicLong(1_000_000_000L);

    private static ClockState state(Synchronisation synchronisation) {
        return new ClockState(synchronisation, "chrony", null, false, Instant.now(), "test");
    }

    @BeforeEach
    void setUp() {
        fixture = new UplinkFixture(dir);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private UplinkEngine startHeld(MqttBroker broker, OutboxEngine outbox) {
        return fixture.track(new UplinkEngine(fixture.settings(broker.url()), outbox, fixture.identity, new PahoTransport(),
                () -> fixture.audit, java.time.Clock.systemUTC(), new SplittableRandom())
                .holdWhileUnsynchronised(new ClockHold(clock::get, Duration.ofHours(1), ticks::get)).start());
    }

    private long readingsArrived(TestSubscriber backend) {
        return firstArrivals(backend.received()).getOrDefault(DEVICE, List.of()).size();
    }

    @Test
    void readingsWaitForSynchronisationWhileTheClockNoteGoesOut() {
        MqttBroker broker = fixture.broker();
        TestSubscriber backend = fixture.subscriber(broker);
        OutboxEngine outbox = fixture.outbox();
        for (int i = 0; i < 20; i++) {
            store(outbox, DEVICE, i);
        }
        outbox.store(UplinkFixture.envelope(NOTES, 0), Precedence.ALARM);
        UplinkEngine uplink = startHeld(broker, outbox);

        await().atMost(Duration.ofSeconds(30)).until(() -> firstArrivals(backend.received()).containsKey(NOTES));
        await().atMost(Duration.ofSeconds(30)).until(() -> uplink.heldForClock() == 20);
        assertThat(readingsArrived(backend)).as("nothing forwarded with an unverified time").isZero();
        // the note's deletion rides in the outbox's next transaction (at most a second or two without one)
        await().atMost(Duration.ofSeconds(30)).until(() -> outbox.status().envelopes() == 20);
        assertThat(outbox.status().envelopes()).as("still in the outbox").isEqualTo(20);

        clock.set(state(Synchronisation.SYNCHRONISED));
        await().atMost(Duration.ofSeconds(30)).until(() -> readingsArrived(backend) == 20);
        assertThat(firstArrivals(backend.received()).get(DEVICE)).containsExactlyElementsOf(range(20));
        await().atMost(Duration.ofSeconds(30)).until(() -> outbox.status().envelopes() == 0);
        assertThat(fixture.audit.withAction("UPLINK_CLOCK_RELEASED")).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("20 envelope(s)", "synchronised"));
    }

    @Test
    void afterTheMaximumWaitTheReadingsGoOutToBeFlagged() {
        MqttBroker broker = fixture.broker();
        TestSubscriber backend = fixture.subscriber(broker);
        OutboxEngine outbox = fixture.outbox();
        for (int i = 0; i < 5; i++) {
            store(outbox, DEVICE, i);
        }
        UplinkEngine uplink = startHeld(broker, outbox);
        await().atMost(Duration.ofSeconds(30)).until(() -> uplink.heldForClock() == 5);

        ticks.addAndGet(Duration.ofMinutes(61).toNanos()); // the monotonic clock: a wall-clock step changes nothing
        await().atMost(Duration.ofSeconds(30)).until(() -> readingsArrived(backend) == 5);
        assertThat(fixture.audit.withAction("UPLINK_CLOCK_RELEASED")).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("maximum wait", "TIME_UNVERIFIED"));
    }
}
