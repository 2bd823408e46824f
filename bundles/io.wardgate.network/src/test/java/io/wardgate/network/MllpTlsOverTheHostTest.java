package io.wardgate.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.wardgate.driver.hl7.Hl7Driver;
import io.wardgate.driver.hl7.sim.Pcd01Monitor;
import io.wardgate.testkit.Issued;
import io.wardgate.testkit.TestPki;
import io.wardgate.testkit.TestTls;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HL7 over MLLP over TLS through the network host, with real certificates (testkit's CA): a monitor with a
 * client certificate of the configured CA is NAKed while unknown and ACKed once approved, its readings go
 * on; a client without a certificate, with a certificate of another CA, or speaking plain MLLP to the TLS
 * port gets no session (nothing reaches the policy). With client certificate pins, only the certificate
 * pinned to the sender's address gets a session.
 */
class MllpTlsOverTheHostTest {
    @TempDir
    Path dir;
    private RealPolicy real;
    private SourceWorker source;
    private TestPki pki;
    private int port;

    @BeforeEach
    void start() throws Exception {
        real = new RealPolicy(dir);
        pki = TestPki.create("mllp-test-ca");
        char[] password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12)).toCharArray();
        Path keyStore = pki.server("gateway").writePkcs12(dir.resolve("gateway.p12"), password);
        Path clientCas = pki.writeCaPem(dir.resolve("client-cas.pem"));
        port = Sources.freeTcpPort();
        SourceSettings settings = new SourceSettings("hl7", port, "lo", Path.of("/nonexistent"), "site-1", "ward-3",
                Map.of(), 8, 64 * 1024, 65_535, Duration.ofSeconds(30),
                Optional.of(new TlsSettings(keyStore, password, clientCas, false)));
        source = new SourceWorker(settings, real.engine, real.engine, NetworkDrivers.of(new Hl7Driver()),
                Sources.loopback(8), Clock.systemUTC(), System::nanoTime);
        source.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> source.bound().isPresent() || !source.problem().isEmpty());
        assertThat(source.problem()).isEmpty();
    }

    @AfterEach
    void stop() throws Exception {
        source.stop();
        real.close();
    }

    @Test
    void aMonitorWithAClientCertificateIsNakedThenAckedOnceApproved() throws Exception {
        try (SSLSocket socket = connect(TestTls.context(pki.client("monitor-7"), pki.caCertificate()))) {
            socket.startHandshake();
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
            socket.setSoTimeout(200);
            Pcd01Monitor monitor = new Pcd01Monitor(7);
            MonitorLink link = new MonitorLink(monitor, socket.getOutputStream(), socket.getInputStream());
            await().atMost(Duration.ofSeconds(20)).until(() -> link.exchange() && monitor.refused() >= 1);
            assertThat(real.sealed).isEmpty();
            await().atMost(Duration.ofSeconds(10)).until(() -> real.engine.pending().stream()
                    .anyMatch(p -> p.deviceId().equals("net:127.0.0.21")));

            real.engine.approve("net:127.0.0.21", "networked", "user:test");
            await().atMost(Duration.ofSeconds(20)).until(() -> link.exchange() && monitor.accepted() >= 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> !real.sealed.isEmpty());
        }
    }

    @Test
    void withoutAClientCertificateThereIsNoSession() throws Exception {
        assertRefused(TestTls.context(null, pki.caCertificate()));
    }

    @Test
    void aClientCertificateOfAnotherCaIsRefused() throws Exception {
        Issued stranger = TestPki.create("other-ca").client("monitor-7");
        assertRefused(TestTls.context(stranger, pki.caCertificate()));
    }

    @Test
    void aRevokedClientCertificateIsRefused() throws Exception {
        Issued revoked = pki.client("monitor-8");
        Path crl = Files.write(dir.resolve("client-cas.crl"), pki.crl(revoked.certificate()).getEncoded());
        char[] password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12)).toCharArray();
        Path keyStore = pki.server("gateway").writePkcs12(dir.resolve("gateway-crl.p12"), password);
        int crlPort = Sources.freeTcpPort();
        SourceSettings settings = new SourceSettings("hl7", crlPort, "lo", Path.of("/nonexistent"), "site-1",
                "ward-3", Map.of(), 8, 64 * 1024, 65_535, Duration.ofSeconds(30), Optional.of(new TlsSettings(
                        keyStore, password, dir.resolve("client-cas.pem"), false, java.util.List.of(crl))));
        SourceWorker checked = new SourceWorker(settings, real.engine, real.engine, NetworkDrivers.of(new Hl7Driver()),
                Sources.loopback(8), Clock.systemUTC(), System::nanoTime);
        checked.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> checked.bound().isPresent() || !checked.problem().isEmpty());
            assertThat(checked.problem()).isEmpty();
            int before = port;
            port = crlPort;
            try {
                assertRefused(TestTls.context(revoked, pki.caCertificate()), checked);
                // the same CA's certificate that is not on the list still gets its session
                try (SSLSocket socket = connect(TestTls.context(pki.client("monitor-9"), pki.caCertificate()))) {
                    socket.startHandshake();
                    assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
                }
            } finally {
                port = before;
            }
        } finally {
            checked.stop();
        }
    }

    @Test
    void withPinsOnlyTheCertificatePinnedToTheSendersAddressGetsASession() throws Exception {
        Issued monitor = pki.client("monitor-7");
        String pin = ClientPins.colons(ClientPins.sha256(monitor.certificate())); // as openssl prints it
        char[] password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12)).toCharArray();
        Path keyStore = pki.server("gateway").writePkcs12(dir.resolve("gateway-pins.p12"), password);
        int pinnedPort = Sources.freeTcpPort();
        SourceSettings settings = new SourceSettings("hl7", pinnedPort, "lo", Path.of("/nonexistent"), "site-1",
                "ward-3", Map.of(), 8, 64 * 1024, 65_535, Duration.ofSeconds(30), Optional.of(new TlsSettings(
                        keyStore, password, dir.resolve("client-cas.pem"), false, java.util.List.of(),
                        ClientPins.parse(new String[] {"127.0.0.21=" + pin}))));
        SourceWorker pinned = new SourceWorker(settings, real.engine, real.engine, NetworkDrivers.of(new Hl7Driver()),
                Sources.loopback(8), Clock.systemUTC(), System::nanoTime);
        pinned.start();
        int before = port;
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> pinned.bound().isPresent() || !pinned.problem().isEmpty());
            assertThat(pinned.problem()).isEmpty();
            port = pinnedPort;
            // Another certificate of the same CA at the pinned address, and the pinned one from another address.
            assertRefused(TestTls.context(pki.client("monitor-9"), pki.caCertificate()), pinned, "127.0.0.21");
            assertRefused(TestTls.context(monitor, pki.caCertificate()), pinned, "127.0.0.22");
            // The pinned certificate at its address: a session, and its monitor's messages reach the policy.
            try (SSLSocket socket = connect(TestTls.context(monitor, pki.caCertificate()), "127.0.0.21")) {
                socket.startHandshake();
                socket.setSoTimeout(200);
                Pcd01Monitor device = new Pcd01Monitor(7);
                MonitorLink link = new MonitorLink(device, socket.getOutputStream(), socket.getInputStream());
                await().atMost(Duration.ofSeconds(20)).until(() -> link.exchange() && device.refused() >= 1);
                assertThat(real.engine.pending()).anyMatch(p -> p.deviceId().equals("net:127.0.0.21"));
            }
        } finally {
            port = before;
            pinned.stop();
        }
    }

    @Test
    void plainMllpToTheTlsPortGetsNoAnswer() throws Exception {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress("127.0.0.21", 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            socket.setSoTimeout(10_000);
            Pcd01Monitor monitor = new Pcd01Monitor(7);
            monitor.tick(java.time.Instant.now(), bytes -> {
                try {
                    socket.getOutputStream().write(bytes);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            InputStream in = socket.getInputStream();
            // The server reads the MLLP bytes as a TLS record, fails the handshake and closes: at most a TLS alert.
            byte[] answer = in.readNBytes(64);
            assertThat(answer).doesNotContain((byte) 0x0B);
        }
        assertThat(real.engine.pending()).isEmpty();
    }

    @Test
    void aWrongKeyStorePasswordKeepsTheSourceClosedAndIsNotLogged() throws Exception {
        char[] wrong = "not-the-password-4711".toCharArray();
        SourceSettings settings = new SourceSettings("hl7", Sources.freeTcpPort(), "lo", Path.of("/nonexistent"),
                "site-1", "ward-3", Map.of(), 8, 64 * 1024, 65_535, Duration.ofSeconds(30), Optional.of(
                        new TlsSettings(dir.resolve("gateway.p12"), wrong, dir.resolve("client-cas.pem"), false)));
        assertThat(settings.toString()).doesNotContain("4711");
        SourceWorker broken = new SourceWorker(settings, real.engine, real.engine, NetworkDrivers.of(new Hl7Driver()),
                Sources.loopback(8), Clock.systemUTC(), System::nanoTime);
        broken.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> !broken.problem().isEmpty());
            assertThat(broken.problem()).contains("gateway.p12").contains("wrong password").doesNotContain("4711");
            assertThat(broken.bound()).isEmpty();
        } finally {
            broken.stop();
        }
    }

    private void assertRefused(SSLContext context) throws Exception {
        assertRefused(context, source);
    }

    private void assertRefused(SSLContext context, SourceWorker worker) throws Exception {
        assertRefused(context, worker, "127.0.0.21");
    }

    private void assertRefused(SSLContext context, SourceWorker worker, String from) throws Exception {
        try (SSLSocket socket = connect(context, from)) {
            // TLS 1.3: the client's handshake may complete before the server has checked its certificate;
            // the server's verdict arrives as an alert on the first read.
            assertThatThrownBy(() -> {
                socket.startHandshake();
                socket.getOutputStream().write(new byte[] {0x0B, 'M', 'S', 'H', 0x1C, 0x0D});
                socket.getOutputStream().flush();
                if (socket.getInputStream().read() < 0) {
                    throw new IOException("closed by the gateway");
                }
            }).isInstanceOf(IOException.class)
                    // refused by the gateway (an alert, a close), not a session that merely stays silent
                    .isNotInstanceOf(java.net.SocketTimeoutException.class);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> worker.peerCount() == 0);
        assertThat(real.engine.pending()).isEmpty();
    }

    private SSLSocket connect(SSLContext context) throws IOException {
        return connect(context, "127.0.0.21");
    }

    private SSLSocket connect(SSLContext context, String from) throws IOException {
        Socket raw = new Socket();
        raw.bind(new InetSocketAddress(from, 0));
        raw.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(raw, "localhost", port, true);
        socket.setUseClientMode(true);
        socket.setSoTimeout(10_000);
        return socket;
    }
}
