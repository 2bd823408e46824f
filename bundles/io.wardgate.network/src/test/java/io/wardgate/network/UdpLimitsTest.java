package io.wardgate.network;

import io.wardgate.testkit.RecordingIntake;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.driver.intellivue.IntelliVueLanDriver;
import io.wardgate.driver.intellivue.sim.LanMonitor;
import io.wardgate.driver.intellivue.sim.MonitorSettings;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * UDP limits: a datagram above maxMessageBytes, and any datagram from off the device-side subnet, never
 * reaches a session; a truncated connect indication is a malformed input of that device, not a failure.
 */
class UdpLimitsTest {

    @Test
    void oversizedOffSubnetAndTruncatedDatagrams() throws Exception {
        RecordingIntake intake = new RecordingIntake();
        int port = Sources.freeUdpPort();
        SourceSettings settings = new SourceSettings(IntelliVueLanDriver.NAME, port, "lo", java.nio.file.Path.of("/x"),
                "s", "w", java.util.Map.of(), 4, 262_144, 1024, Duration.ofSeconds(30));
        SourceWorker source = Sources.start(settings, intake, NetworkDrivers.of(new IntelliVueLanDriver()), 24);
        InetSocketAddress gateway = new InetSocketAddress("127.0.0.1", port);
        await().atMost(Duration.ofSeconds(10)).until(() -> source.bound().isPresent());
        byte[] indication = new LanMonitor(MonitorSettings.mp70("DE1", 1), new byte[] {127, 0, 0, 51},
                new byte[6]).connectIndication();
        try (DatagramChannel near = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.51", 0));
                DatagramChannel far = DatagramChannel.open().bind(new InetSocketAddress("127.0.1.52", 0))) {
            near.send(ByteBuffer.wrap(new byte[2048]), gateway); // above maxMessageBytes 1024
            far.send(ByteBuffer.wrap(indication), gateway); // off 127.0.0.0/24
            near.send(ByteBuffer.wrap(indication, 0, 40), gateway); // truncated
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(intake.eventsFrom("127.0.0.51"))
                    .anySatisfy(e -> assertThat(e.detail()).contains("malformed connect indication")));
            assertThat(source.peerCount()).isEqualTo(1);
            assertThat(intake.eventsFrom("127.0.1.52")).isEmpty();
        } finally {
            source.stop();
        }
    }
}
