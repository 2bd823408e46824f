package io.wardgate.network;

import io.wardgate.api.driver.NetworkDriver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TCP: one session per connection, bytes handed over as read (the session frames them). Fairness: each
 * selector round reads at most {@value SourceWorker#READ_SLICE} bytes from a connection, and a connection
 * above its rate is not read at all until its budget refills (TCP then slows the sender down), so a
 * flooding peer never delays the others by more than one slice. A connection whose session decodes
 * nothing for the idle timeout is closed, however many bytes trickle in (slow loris). With TLS settings
 * every connection is TLS ({@link TlsIo}) and must present a client certificate of the configured CAs.
 */
final class TcpTransport extends PeerTransport {
    private static final Logger LOG = LoggerFactory.getLogger(TcpTransport.class);

    private final ByteBuffer buffer;
    /** The source's TLS settings and context; null for plain TCP. */
    private final TlsSettings tls;
    private final SSLContext context;
    private ServerSocketChannel server;
    private Selector selector;

    TcpTransport(SourceWorker source, NetworkDriver driver, DeviceSide side) throws IOException {
        super(source, driver, side);
        this.tls = source.settings.tls().orElse(null);
        this.context = tls == null ? null : tls.context();
        this.buffer = ByteBuffer.allocate(Math.min(SourceWorker.READ_SLICE, source.settings.maxMessageBytes()));
    }

    @Override
    public void bind(InetSocketAddress address, Selector sel) throws IOException {
        selector = sel;
        server = ServerSocketChannel.open();
        server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        server.bind(address, 16);
        server.configureBlocking(false);
        server.register(sel, SelectionKey.OP_ACCEPT);
    }

    @Override
    public void ready(SelectionKey key) throws IOException {
        if (key.isAcceptable()) {
            accept();
            return;
        }
        PeerLink peer = (PeerLink) key.attachment();
        try {
            if (key.isWritable() && peer.writeQueued()) {
                key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
            }
            if (key.isReadable()) {
                read(peer, key);
            }
        } catch (javax.net.ssl.SSLException e) {
            // A refused handshake (no certificate, another CA, revoked, not the pinned one) is the operator's to see.
            refuse("TLS from " + peer.key + ": " + e.getMessage());
            drop(peer, "TLS failed: " + e.getMessage());
        } catch (IOException e) {
            drop(peer, "connection failed: " + e.getMessage());
        }
    }

    private void accept() throws IOException {
        SocketChannel channel;
        while ((channel = server.accept()) != null) {
            InetSocketAddress remote = (InetSocketAddress) channel.getRemoteAddress();
            String refusal = source.refusal(remote.getAddress(), side);
            if (refusal != null) {
                refuse("connection: " + refusal);
                channel.close();
                continue;
            }
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            PeerIo io = tls == null ? PeerIo.plain(channel) : new TlsIo(channel,
                    tls.engine(context, remote.getAddress().getHostAddress(), remote.getPort()));
            PeerLink peer = open(remote.getAddress().getHostAddress() + ":" + remote.getPort(), remote, remote,
                    channel, io, source.nanos.getAsLong(), tls == null ? "connection" : "TLS connection");
            channel.keyFor(selector).attach(peer);
            flush(peer);
        }
    }

    private void read(PeerLink peer, SelectionKey key) throws IOException {
        long nowNanos = source.nanos.getAsLong();
        int budget = Math.min(buffer.capacity(), peer.bucket.available(nowNanos));
        if (budget == 0) {
            key.interestOps(key.interestOps() & ~SelectionKey.OP_READ); // resumed by afterTick()
            peer.overRate(nowNanos);
            return;
        }
        buffer.clear().limit(budget);
        int n = peer.io.read(buffer);
        if (!peer.io.flush()) {
            key.interestOps(key.interestOps() | SelectionKey.OP_WRITE); // TLS handshake records to send
        }
        if (n < 0) {
            drop(peer, "connection closed by the peer");
            return;
        }
        if (n == 0) {
            return;
        }
        peer.bucket.take(n, nowNanos);
        byte[] bytes = new byte[n];
        buffer.flip();
        buffer.get(bytes);
        peer.received(bytes, n, source.clock.instant(), nowNanos);
        flush(peer);
    }

    private void flush(PeerLink peer) throws IOException {
        boolean queued = false;
        for (byte[] bytes : peer.output.takeSends()) {
            queued |= peer.queue(bytes);
        }
        if (queued && !peer.writeQueued()) {
            SelectionKey key = peer.channel.keyFor(selector);
            key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
        }
    }

    @Override
    boolean afterTick(PeerLink peer, long nowNanos) {
        try {
            flush(peer);
            SelectionKey key = peer.channel.keyFor(selector);
            if (key != null && key.isValid() && (key.interestOps() & SelectionKey.OP_READ) == 0
                    && peer.bucket.available(nowNanos) > 0) {
                key.interestOps(key.interestOps() | SelectionKey.OP_READ);
            }
            if (key != null && key.isValid() && peer.io.buffered() && peer.bucket.available(nowNanos) > 0) {
                read(peer, key); // TLS records read earlier than the rate allowed their plain bytes out
            }
            synchronized (source) {
                return source.peers.containsKey(peer.key);
            }
        } catch (IOException e) {
            drop(peer, "connection failed: " + e.getMessage());
            return false;
        }
    }

    @Override
    void drop(PeerLink peer, String reason) {
        if (!remove(peer)) {
            return;
        }
        try {
            peer.channel.close();
        } catch (IOException e) {
            LOG.debug("{}: close: {}", peer.key, e.toString());
        }
        peer.closed(reason);
    }

    @Override
    void closeSockets() {
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("close: {}", e.toString());
        }
    }
}
