package io.wardgate.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.api.pipeline.AdmittedReadings;
import io.wardgate.driver.hl7.Hl7Driver;
import io.wardgate.driver.hl7.sim.Pcd01Monitor;
import io.wardgate.policy.api.PendingDevice;
import io.wardgate.policy.internal.PolicyEngine;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HL7 v2 over MLLP through the network host, the real policy engine and audit trail: a monitor that is
 * not on the allowlist gets a NAK for every message and is held pending at its address; once approved,
 * the same connection's next message is acknowledged and its readings go on to the sealer.
 */
class Hl7OverTheHostTest {
    @TempDir
    Path dir;
    private SourceWorker source;
    private RealPolicy real;

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
    void anUnknownSenderIsRefusedAndHeldPendingThenAcknowledgedOnceApproved() throws Exception {
        real = new RealPolicy(dir);
        PolicyEngine policy = real.engine;
        ConcurrentLinkedQueue<AdmittedReadings> sealed = real.sealed;
        int port = Sources.freeTcpPort();
        source = new SourceWorker(Sources.settings("hl7", port, 8, 64 * 1024, 30), policy, policy,
                NetworkDrivers.of(new Hl7Driver()), Sources.loopback(8), Clock.systemUTC(), System::nanoTime);
        source.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> source.bound().isPresent());

        Pcd01Monitor monitor = new Pcd01Monitor(7);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress("127.0.0.21", 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            socket.setSoTimeout(200);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            MonitorLink link = new MonitorLink(monitor, out, in);
            await().atMost(Duration.ofSeconds(20)).until(() -> link.exchange() && monitor.refused() >= 1);
            assertThat(monitor.accepted()).isZero();
            assertThat(sealed).isEmpty();
            PendingDevice pending = await().atMost(Duration.ofSeconds(10)).until(
                    () -> policy.pending().stream().filter(p -> p.sighting().identity().address().equals("127.0.0.21"))
                            .findFirst().orElse(null), p -> p != null);
            assertThat(pending.sighting().identity().id()).startsWith("net:");

            policy.approve(pending.sighting().identity().id(), "networked", "user:test");
            await().atMost(Duration.ofSeconds(20)).until(() -> link.exchange() && monitor.accepted() >= 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> !sealed.isEmpty());
            assertThat(sealed.peek().readings().device().address()).isEqualTo("127.0.0.21");
        }
    }
}
