package io.wardgate.audit.syslog;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import io.wardgate.shared.tls.RevocationChecker;
import io.wardgate.shared.tls.SubjectAltNames;
import io.wardgate.shared.tls.TlsPolicy;
import io.wardgate.shared.tls.TrustAnchors;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509KeyManager;

/**
 * One TLS session with the collector (RFC 5425): frames go out, nothing is expected back. Syslog over TLS
 * has no acknowledgement, so {@link #closeConfirmed} is the only evidence of delivery we get: we send our
 * close_notify (RFC 5425 section 4.4) and wait for the collector to close the connection in turn. A process
 * that closes with bytes still unread, or before our last bytes arrived, makes its kernel answer with a
 * reset; a clean end of stream not followed by a reset means the collector read every frame. (A TLS read
 * probe during the session is no substitute: a read timeout inside JSSE corrupted the stream in testing.)
 */
final class SyslogConnection implements Closeable {
    /** A collector sends no data; a little is allowed for TLS post-handshake messages and alerts. */
    private static final long MAX_BYTES_FROM_COLLECTOR = 1 << 20;
    /** Longer than a round trip on a hospital network; a reset caused by our last bytes arrives within it. */
    static final long RESET_GRACE_MILLIS = 200;

    private final Socket raw;
    private final SSLSocket tls;
    private final OutputStream out;
    private final int timeoutMillis;

    private SyslogConnection(Socket raw, SSLSocket tls, int timeoutMillis) throws IOException {
        this.raw = raw;
        this.tls = tls;
        this.out = tls.getOutputStream();
        this.timeoutMillis = timeoutMillis;
    }

    /** Connects, shakes hands and checks the collector's name; nothing is sent on failure. */
    static SyslogConnection open(ExportSettings settings, X509KeyManager keyManager, RevocationChecker revocation)
            throws ExportException {
        SSLContext context;
        try {
            KeyManager[] keys = keyManager == null ? new KeyManager[0] : new KeyManager[] {keyManager};
            context = TlsPolicy.context(keys, TrustAnchors.trustManagers(TrustAnchors.read(settings.trustAnchors()),
                    revocation));
        } catch (GeneralSecurityException | IOException e) {
            throw new ExportException("cannot set up TLS from the configured trust anchors/CRL: " + e.getMessage(),
                    false);
        }
        int timeout = (int) settings.timeout().toMillis();
        Socket raw = new Socket();
        try {
            raw.connect(new InetSocketAddress(settings.host(), settings.port()), timeout);
            raw.setSoTimeout(timeout);
            raw.setKeepAlive(true);
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(raw, settings.expectedName(),
                    settings.port(), false);
            SSLParameters parameters = new TlsPolicy(settings.allowTls12()).apply(tls.getSSLParameters(), true);
            if (!SubjectAltNames.isIpLiteral(settings.expectedName())) {
                parameters.setServerNames(List.of(new SNIHostName(settings.expectedName())));
            }
            tls.setSSLParameters(parameters);
            tls.startHandshake();
            Certificate[] peer = tls.getSession().getPeerCertificates();
            if (!(peer[0] instanceof X509Certificate leaf) || !SubjectAltNames.names(leaf, settings.expectedName())) {
                throw new SSLException("the collector's certificate does not name " + settings.expectedName());
            }
            return new SyslogConnection(raw, tls, timeout);
        } catch (SSLException e) {
            closeQuietly(raw);
            throw new ExportException("TLS: " + e.getMessage(), true);
        } catch (IOException | RuntimeException e) {
            closeQuietly(raw);
            throw new ExportException(e.getClass().getSimpleName() + ": " + e.getMessage(), false);
        }
    }

    /** Writes the frames and flushes them into the connection. */
    void send(List<byte[]> frames) throws IOException {
        for (byte[] frame : frames) {
            out.write(frame);
        }
        out.flush();
    }

    /**
     * Sends close_notify and waits up to the timeout for the collector to end the TLS session (its
     * close_notify, then end of stream); true only when it did so cleanly, without an alert, and did not
     * reset the connection. A collector that closes (or is killed) with frames still unread,
     * or before our last frames arrived, makes its kernel answer with a reset: we give that reset
     * {@link #RESET_GRACE_MILLIS} to come back and then probe with one byte on the raw connection after our
     * close_notify (ignored by any TLS peer), which fails if the connection was reset.
     */
    boolean closeConfirmed() {
        try {
            out.flush();
            tls.shutdownOutput(); // close_notify; the TLS socket is layered without autoClose, so no FIN yet
            raw.setSoTimeout(timeoutMillis);
            // Read through TLS: a collector that refused us after our side of the handshake was done (TLS 1.3
            // client authentication) answers with an alert, which JSSE turns into an exception here.
            InputStream in = tls.getInputStream();
            byte[] buffer = new byte[4096];
            long received = 0;
            long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                received += n;
                if (received > MAX_BYTES_FROM_COLLECTOR || System.nanoTime() > deadline) {
                    return false;
                }
            }
            Thread.sleep(RESET_GRACE_MILLIS);
            OutputStream probe = raw.getOutputStream();
            probe.write(0);
            probe.flush();
            return true;
        } catch (IOException e) {
            return false; // reset, timeout: the collector may not have read everything
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            close();
        }
    }

    /** Drops the connection at once (also from another thread, to end a stalled write). */
    @Override
    public void close() {
        closeQuietly(raw);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing more to do
        }
    }
}
