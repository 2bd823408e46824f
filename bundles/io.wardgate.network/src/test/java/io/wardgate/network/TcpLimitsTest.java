package io.wardgate.network;

import io.wardgate.testkit.RecordingIntake;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.api.DeviceEvent;
import io.wardgate.api.Observation;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The host's limits over real TCP on loopback, with a tiny line protocol (LineDriver): a flooding peer
 * does not starve a well-behaved one, a slow-loris peer is closed, the peer limit holds, senders off the
 * device-side subnet are refused, and an over-long line is a framing error, not a failure.
 */
class TcpLimitsTest {
    private final RecordingIntake intake = new RecordingIntake();
    private SourceWorker source;

    @AfterEach
    void stop() {
        if (source != null) {
            source.stop();
        }
    }

    private InetSocketAddress start(int maxPeers, int bytesPerSecond, int idleSeconds, int prefix) throws Exception {
        int port = Sources.freeTcpPort();
        source = Sources.start(Sources.settings("test-lines", port, maxPeers, bytesPerSecond, idleSeconds), intake,
                NetworkDrivers.of(new LineDriver()), prefix);
        await().atMost(Duration.ofSeconds(10)).until(() -> source.bound().isPresent());
        return new InetSocketAddress("127.0.0.1", port);
    }

    private static Socket connect(String from, InetSocketAddress to) throws Exception {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(to, 2_000);
        socket.setSoTimeout(5_000);
        return socket;
    }

    @Test
    void aFloodingPeerDoesNotStarveAnother() throws Exception {
        InetSocketAddress gateway = start(8, 8 * 1024, 30, 8);
        AtomicBoolean flooding = new AtomicBoolean(true);
        try (Socket flooder = connect("127.0.0.31", gateway); Socket patient = connect("127.0.0.32", gateway)) {
            Thread flood = new Thread(() -> {
                byte[] junk = new byte[64 * 1024];
                Arrays.fill(junk, (byte) 'x');
                try (OutputStream out = flooder.getOutputStream()) {
                    while (flooding.get()) {
                        out.write(junk);
                    }
                } catch (Exception e) {
                    // closed at the end
                }
            });
            flood.setDaemon(true);
            flood.start();
            OutputStream out = patient.getOutputStream();
            InputStream in = patient.getInputStream();
            for (int i = 0; i < 20; i++) {
                out.write(("HR " + (60 + i) + "\n").getBytes(StandardCharsets.US_ASCII));
                byte[] ok = in.readNBytes(3);
                assertThat(new String(ok, StandardCharsets.US_ASCII)).isEqualTo("OK\n");
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(intake.from("127.0.0.32").stream()
                    .flatMap(r -> r.readings().stream()).map(r -> ((Observation) r).value().toString()))
                    .hasSize(20).contains("60", "79"));
            // the flooder is held to its rate: it is reported, and nothing of it became a reading
            // Malformed-input reports are held to one per 10 s: the rate report may come in the next interval.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(intake.eventsFrom("127.0.0.31"))
                    .anySatisfy(e -> assertThat(e.detail()).contains("above the configured rate")));
            assertThat(intake.from("127.0.0.31")).isEmpty();
        } finally {
            flooding.set(false);
        }
    }

    @Test
    void aSlowLorisPeerIsClosedAtTheIdleTimeout() throws Exception {
        InetSocketAddress gateway = start(8, 8 * 1024, 5, 8);
        try (Socket loris = connect("127.0.0.33", gateway)) {
            OutputStream out = loris.getOutputStream();
            long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            boolean closed = false;
            while (!closed && System.nanoTime() < end) {
                try {
                    out.write('H'); // one byte a second, never a whole line
                    out.flush();
                    Thread.sleep(1_000);
                } catch (java.io.IOException e) {
                    closed = true;
                }
                closed |= intake.eventsFrom("127.0.0.33").stream().anyMatch(e -> e.kind() == DeviceEvent.Kind.DISCONNECTED);
            }
            assertThat(intake.eventsFrom("127.0.0.33")).anySatisfy(e -> {
                assertThat(e.kind()).isEqualTo(DeviceEvent.Kind.DISCONNECTED);
                assertThat(e.detail()).contains("nothing decoded for PT5S");
            });
        }
    }

    @Test
    void thePeerLimitHoldsAndSendersOffTheDeviceSubnetAreRefused() throws Exception {
        InetSocketAddress gateway = start(1, 8 * 1024, 30, 24); // device side 127.0.0.0/24
        try (Socket first = connect("127.0.0.41", gateway)) {
            first.getOutputStream().write("ID A1\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(first.getInputStream().readNBytes(3)).isEqualTo("OK\n".getBytes(StandardCharsets.US_ASCII));
            try (Socket second = connect("127.0.0.42", gateway)) {
                assertThat(second.getInputStream().read()).as("closed: one peer at most").isEqualTo(-1);
            }
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> source.peerCount() == 0);
        try (Socket outsider = connect("127.0.1.50", gateway)) {
            assertThat(outsider.getInputStream().read()).as("closed: not on 127.0.0.0/24").isEqualTo(-1);
        }
        assertThat(intake.eventsFrom("127.0.0.42")).isEmpty();
        assertThat(intake.eventsFrom("127.0.1.50")).isEmpty();
    }

    @Test
    void anOverlongLineIsAFramingErrorAndTheNextLineStillCounts() throws Exception {
        InetSocketAddress gateway = start(8, 64 * 1024, 30, 8);
        try (Socket peer = connect("127.0.0.43", gateway)) {
            OutputStream out = peer.getOutputStream();
            out.write(("HR " + "9".repeat(200) + "\nHR 61\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(peer.getInputStream().readNBytes(3)).isEqualTo("OK\n".getBytes(StandardCharsets.US_ASCII));
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(intake.from("127.0.0.43")).singleElement().satisfies(r -> assertThat(r.readings()).hasSize(1));
            assertThat(intake.eventsFrom("127.0.0.43")).anySatisfy(e -> {
                assertThat(e.kind()).isEqualTo(DeviceEvent.Kind.MALFORMED_INPUT);
                assertThat(e.detail()).contains("line longer than 32");
            });
        });
    }
}
