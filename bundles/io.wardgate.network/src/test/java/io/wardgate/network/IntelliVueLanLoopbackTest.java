package io.wardgate.network;

import io.wardgate.testkit.RecordingIntake;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.api.DeviceEvent;
import io.wardgate.api.DeviceReadings;
import io.wardgate.api.Transport;
import io.wardgate.driver.intellivue.IntelliVueLanDriver;
import io.wardgate.driver.intellivue.sim.LanMonitorRunner;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Two simulated IntelliVue monitors over real UDP on loopback (127.0.0.21 and .22, each with its Data
 * Export socket on 24105, device-protocols.md line 14): each announces itself with a connect indication,
 * the host associates with each on its own port, and each becomes a device of its own, identified by
 * the MDS attributes at its network address.
 */
class IntelliVueLanLoopbackTest {

    @Test
    void twoMonitorsAtOnceEachItsOwnDevice() throws Exception {
        RecordingIntake intake = new RecordingIntake();
        int port = Sources.freeUdpPort();
        SourceWorker source = Sources.start(Sources.settings(IntelliVueLanDriver.NAME, port, 8, 262_144, 30), intake,
                NetworkDrivers.of(new IntelliVueLanDriver()), 8);
        InetSocketAddress gateway = new InetSocketAddress("127.0.0.1", port);
        await().atMost(Duration.ofSeconds(10)).until(() -> source.bound().isPresent());
        try (LanMonitorRunner first = new LanMonitorRunner("127.0.0.21", "DE00000021", gateway);
                LanMonitorRunner second = new LanMonitorRunner("127.0.0.22", "DE00000022", gateway)) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(identified(intake, "127.0.0.21")).isTrue();
                assertThat(identified(intake, "127.0.0.22")).isTrue();
            });
            DeviceReadings readings = intake.from("127.0.0.21").get(intake.from("127.0.0.21").size() - 1);
            assertThat(readings.device().transport()).isEqualTo(Transport.NETWORK);
            assertThat(readings.device().id()).isEqualTo("net:127.0.0.21");
            assertThat(readings.device().serialNumber()).isEqualTo("DE00000021");
            assertThat(readings.location().bed()).isEqualTo("bed-21");
            assertThat(intake.from("127.0.0.22").get(0).location().bed()).isEqualTo("net-127.0.0.22");
            assertThat(intake.eventsFrom("127.0.0.22")).anySatisfy(e -> assertThat(e.detail())
                    .contains("connect indication").contains("MAC 00:09:FB:00:00:16"));
            assertThat(first.monitor().monitor().pollsAnswered()).isPositive();
            assertThat(second.monitor().monitor().pollsAnswered()).isPositive();
            assertThat(source.peerCount()).isEqualTo(2);
        } finally {
            source.stop();
        }
        assertThat(intake.eventsFrom("127.0.0.21")).last().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(DeviceEvent.Kind.DISCONNECTED);
            assertThat(e.detail()).isEqualTo("source stopped");
        });
    }

    private static boolean identified(RecordingIntake intake, String address) {
        return intake.from(address).stream().anyMatch(r -> !r.device().serialNumber().isEmpty()
                && !r.readings().isEmpty());
    }
}
