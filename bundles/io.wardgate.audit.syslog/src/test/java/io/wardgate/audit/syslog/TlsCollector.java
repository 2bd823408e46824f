package io.wardgate.audit.syslog;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A syslog collector for the tests: an RFC 5425 TLS listener on 127.0.0.1 (SSLServerSocket, client
 * certificate required) that reads octet-counted frames, parses each as RFC 5424, and closes a connection
 * when the sender ends it. {@link #stop} drops every connection at once, read or not, like a collector
 * that is killed or unplugged. A new instance on the same port is the collector restarted; the messages it
 * got are kept in a shared {@link Received}.
 */
final class TlsCollector implements Closeable {
    /** Everything any incarnation of the collector received, by sequence number. */
    static final class Received {
        private final ConcurrentLinkedQueue<ParsedSyslog> messages = new ConcurrentLinkedQueue<>();
        private final List<String> errors = new CopyOnWriteArrayList<>();

        List<ParsedSyslog> messages() {
            return List.copyOf(messages);
        }

        /** How often each sequence number arrived. */
        Map<Long, Integer> counts() {
            Map<Long, Integer> counts = new TreeMap<>();
            for (ParsedSyslog message : messages) {
                counts.merge(message.sequence(), 1, Integer::sum);
            }
            return counts;
        }

        Set<Long> sequences() {
            return counts().keySet();
        }

        long duplicates() {
            return counts().values().stream().mapToLong(n -> n - 1).sum();
        }

        List<String> errors() {
            return List.copyOf(errors);
        }
    }

    private final SSLServerSocket server;
    private final Received received;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();

    private TlsCollector(SSLServerSocket server, Received received) {
        this.server = server;
        this.received = received;
    }

    /** Listens on 127.0.0.1:port (0: any free port). */
    static TlsCollector start(SSLContext context, int port, Received received) throws IOException {
        return start(context, port, received, new String[] {"TLSv1.3", "TLSv1.2"});
    }

    /** Listens with only the given protocol versions enabled. */
    static TlsCollector start(SSLContext context, int port, Received received, String[] protocols)
            throws IOException {
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
        server.setEnabledProtocols(protocols);
        server.setReuseAddress(true);
        server.setNeedClientAuth(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        TlsCollector collector = new TlsCollector(server, received);
        Thread acceptor = new Thread(collector::acceptLoop, "test-collector-accept");
        acceptor.setDaemon(true);
        collector.threads.add(acceptor);
        acceptor.start();
        return collector;
    }

    int port() {
        return server.getLocalPort();
    }

    /** Connections accepted (handshakes may still have failed). */
    int accepted() {
        return accepted.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                SSLSocket socket = (SSLSocket) server.accept();
                accepted.incrementAndGet();
                connections.add(socket);
                Thread reader = new Thread(() -> read(socket), "test-collector-read");
                reader.setDaemon(true);
                threads.add(reader);
                reader.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void read(SSLSocket socket) {
        try (socket; InputStream in = socket.getInputStream()) {
            for (byte[] frame = SyslogFrames.next(in, 65536); frame != null; frame = SyslogFrames.next(in, 65536)) {
                received.messages.add(ParsedSyslog.parse(frame));
            }
            // The sender closed: close in turn (close_notify, then FIN), after everything was read.
        } catch (IOException | RuntimeException e) {
            received.errors.add((server.isClosed() ? "(stopped) " : "") + e);
        }
    }

    /** Drops the listener and every connection, read or not. */
    void stop() {
        try {
            server.close();
        } catch (IOException e) {
            // closed anyway
        }
        for (Socket socket : connections) {
            try {
                socket.setSoLinger(true, 0); // a killed collector: reset, nothing more is read
                socket.close();
            } catch (IOException e) {
                // closed anyway
            }
        }
        for (Thread thread : new ArrayList<>(threads)) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stop();
    }
}
