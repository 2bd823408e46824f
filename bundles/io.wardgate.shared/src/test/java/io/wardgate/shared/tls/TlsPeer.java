package io.wardgate.shared.tls;

import io.wardgate.testkit.Issued;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/** A real TLS server on loopback presenting {@code server}; handshakes every connection, then closes it. */
final class TlsPeer implements AutoCloseable {
    private final SSLServerSocket socket;
    private final Thread thread;

    TlsPeer(Issued server) throws GeneralSecurityException, IOException {
        socket = (SSLServerSocket) TlsPolicy.context(new KeyManager[] {server.keyManager()}, new TrustManager[0])
                .getServerSocketFactory().createServerSocket(0, 8, InetAddress.getLoopbackAddress());
        socket.setSSLParameters(TlsPolicy.strict().apply(socket.getSSLParameters(), false));
        thread = new Thread(this::serve, "tls-peer");
        thread.setDaemon(true);
        thread.start();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (SSLSocket client = (SSLSocket) socket.accept()) {
                client.setSoTimeout(5000);
                client.startHandshake();
                client.getInputStream().read(); // until the client closes
            } catch (IOException e) {
                // a refused handshake is what some tests expect
            }
        }
    }

    /** Connects as a TLS 1.3 client with {@code anchors} and {@code revocation}; returns when the handshake is done. */
    void connect(List<X509Certificate> anchors, RevocationChecker revocation) throws IOException,
            GeneralSecurityException {
        try (SSLSocket client = (SSLSocket) TlsPolicy.strict().clientSocketFactory(TlsPolicy.context(new KeyManager[0],
                TrustAnchors.trustManagers(anchors, revocation))).createSocket("localhost", socket.getLocalPort())) {
            client.setSoTimeout(5000);
            client.startHandshake();
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
