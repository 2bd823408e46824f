package io.wardgate.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.api.time.ClockState;
import io.wardgate.api.time.Synchronisation;
import io.wardgate.outbox.OutboxEngine;
import io.wardgate.testkit.BrokerSetup;
import io.wardgate.testkit.MqttBroker;
import io.wardgate.testkit.TestPki;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 item 3: a broker certificate "not yet valid" (what a gateway booted behind sees) is audited
 * with the clock's part in it, never crashes the uplink, and is tried again as soon as the clock is
 * synchronised rather than after the backoff. The certificate's validity starts two days after now.
 */
class NotYetValidTest {
    @TempDir
    Path dir;

    private UplinkFixture fixture;
    private final AtomicReference<ClockState> clock = new AtomicReference<>(state(Synchronisation.UNSYNCHRONISED));

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

    @Test
    void aCertificateNotYetValidIsRetriedWhenTheClockIsSynchronised() {
        Instant now = Instant.now();
        io.wardgate.testkit.Issued future = fixture.pki.issue(
                TestPki.Profile.server("broker", List.of("localhost"), List.of("127.0.0.1")),
                new TestPki.Validity(now.plus(Duration.ofDays(2)), now.plus(Duration.ofDays(30))));
        MqttBroker broker = fixture.broker(BrokerSetup.of(dir.resolve("broker"), fixture.pki).withServer(future));
        OutboxEngine outbox = fixture.outbox();
        // a backoff of ten minutes: only the synchronisation can bring the second attempt within the test
        UplinkSettings settings = fixture.settings(broker.url())
                .withTiming(Duration.ofSeconds(5), Duration.ofMinutes(10), Duration.ofMinutes(10));
        UplinkEngine uplink = fixture.track(new UplinkEngine(settings, outbox, fixture.identity, new PahoTransport(),
                () -> fixture.audit, Clock.systemUTC(), new SplittableRandom())
                .holdWhileUnsynchronised(new ClockHold(clock::get, Duration.ZERO, System::nanoTime)).start());

        await().atMost(Duration.ofSeconds(60)).until(() -> !fixture.audit.withAction("UPLINK_TLS_REJECTED").isEmpty());
        assertThat(fixture.audit.withAction("UPLINK_TLS_REJECTED")).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("not synchronised: retried as soon as it is"));
        assertThat(uplink.status().connected()).isFalse();
        assertThat(uplink.status().lastError()).contains("not synchronised");

        clock.set(state(Synchronisation.SYNCHRONISED));
        await().atMost(Duration.ofSeconds(60)).until(() -> fixture.audit.withAction("UPLINK_TLS_REJECTED").size() == 2);
        assertThat(fixture.audit.withAction("UPLINK_TLS_REJECTED").get(1).detail())
                .contains("clock is synchronised: the certificate is really not valid yet");
        assertThat(uplink.status().connected()).isFalse();
    }
}
