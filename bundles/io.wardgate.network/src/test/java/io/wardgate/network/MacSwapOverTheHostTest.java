package io.wardgate.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.driver.intellivue.IntelliVueLanDriver;
import io.wardgate.driver.intellivue.sim.LanMonitorRunner;
import io.wardgate.policy.api.PendingDevice;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulated IntelliVue over real UDP on loopback, the real policy and audit trail, and a neighbour table
 * the test controls (loopback has no MAC addresses; NetnsTest reads a real one): the monitor is held
 * pending with the MAC seen, approved with it, and when another MAC answers at its address (same address,
 * same reported identity) it is audited as a possible swap, held, and its readings stop.
 */
class MacSwapOverTheHostTest {
    private static final String FIRST = "02:00:5e:00:00:21";
    private static final String SECOND = "02:00:5e:00:06:66";

    @TempDir
    Path dir;
    private RealPolicy real;
    private SourceWorker source;

    @AfterEach
    void stop() throws Exception {
        if (source != null) {
            source.stop();
        }
        if (real != null) {
            real.close();
        }
    }

    @Test
    void anotherMacAtTheApprovedAddressIsHeldAsAPossibleSwap() throws Exception {
        real = new RealPolicy(dir);
        AtomicReference<String> mac = new AtomicReference<>(FIRST);
        NeighbourTable table = (address, nic) -> address.getHostAddress().equals("127.0.0.21") && nic.equals("lo")
                ? Optional.of(mac.get()) : Optional.empty();
        int port = Sources.freeUdpPort();
        source = new SourceWorker(Sources.settings(IntelliVueLanDriver.NAME, port, 8, 262_144, 30), real.engine,
                real.engine, NetworkDrivers.of(new IntelliVueLanDriver()), Sources.loopback(8), table,
                Clock.systemUTC(), System::nanoTime);
        source.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> source.bound().isPresent());
        try (LanMonitorRunner monitor = new LanMonitorRunner("127.0.0.21", "DE00000021",
                new InetSocketAddress("127.0.0.1", port))) {
            PendingDevice pending = await().atMost(Duration.ofSeconds(20)).until(() -> real.engine.pending().stream()
                    .filter(p -> p.deviceId().equals("net:127.0.0.21") && p.sighting().identity().isIdentified())
                    .findFirst().orElse(null), p -> p != null);
            assertThat(pending.sighting().details()).containsEntry("mac", FIRST);
            assertThat(real.engine.approve("net:127.0.0.21", "networked", "user:test").mac()).isEqualTo(FIRST);
            await().atMost(Duration.ofSeconds(20)).until(() -> !real.sealed.isEmpty());

            mac.set(SECOND);
            // Looked up again within PeerLink.MAC_REFRESH_SECONDS.
            await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertThat(real.audited("DEVICE_IDENTITY_CHANGED"))
                    .anySatisfy(r -> assertThat(r.event().detail()).contains("possible device swap: MAC " + SECOND
                            + " at 127.0.0.21 where " + FIRST + " was approved")));
            assertThat(real.engine.pending()).anySatisfy(p -> {
                assertThat(p.deviceId()).isEqualTo("net:127.0.0.21");
                assertThat(p.sighting().details()).containsEntry("mac", SECOND);
            });
            // What the monitor sends from now on is refused: the sealer's count stops growing.
            int before = real.sealed.size();
            long refusedBefore = real.engine.status().readingsRefused();
            await().atMost(Duration.ofSeconds(20)).until(() -> real.engine.status().readingsRefused() > refusedBefore + 5);
            assertThat(real.sealed.size()).isLessThanOrEqualTo(before + 1); // a batch already in the hand-off queue
        }
    }
}
