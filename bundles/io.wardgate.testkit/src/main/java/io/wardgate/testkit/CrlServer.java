package io.wardgate.testkit;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A tiny HTTP server on loopback serving one CRL (DER) at {@link #url()}, as a hospital PKI's distribution
 * point does; the CRL can be replaced, and the server stopped to make the distribution point unreachable.
 */
public final class CrlServer implements AutoCloseable {
    private final HttpServer server;
    private final AtomicReference<byte[]> body = new AtomicReference<>(new byte[0]);
    private final AtomicInteger requests = new AtomicInteger();
    private volatile boolean running;

    private CrlServer(HttpServer server) {
        this.server = server;
    }

    public static CrlServer start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            CrlServer crls = new CrlServer(http);
            http.createContext("/ca.crl", exchange -> {
                crls.requests.incrementAndGet();
                byte[] bytes = crls.body.get();
                exchange.getResponseHeaders().add("Content-Type", "application/pkix-crl");
                exchange.sendResponseHeaders(bytes.length == 0 ? 404 : 200, bytes.length == 0 ? -1 : bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            http.start();
            crls.running = true;
            return crls;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The distribution point to put into certificates. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ca.crl");
    }

    public CrlServer serve(X509CRL crl) {
        try {
            body.set(crl.getEncoded());
        } catch (CRLException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** Serves arbitrary bytes (an oversized or garbage answer). */
    public CrlServer serveBytes(byte[] bytes) {
        body.set(bytes.clone());
        return this;
    }

    public int requests() {
        return requests.get();
    }

    /** Stops answering: the port is closed, so a fetch fails at once. */
    public synchronized void stop() {
        if (running) {
            running = false;
            server.stop(0);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
