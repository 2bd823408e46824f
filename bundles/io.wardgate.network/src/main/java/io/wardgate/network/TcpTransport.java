package io.wardgate.network;

import io.wardgate.api.driver.NetworkDriver;
import io.wardgate.api.driver.Peer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TCP: one session per connection, bytes handed over as read (the session frames them). Fairness: each
 * selector round reads at most {@value SourceWorker#READ_SLICE} bytes from a connection, and a connection
 * above its rate is not read at all until its budget refills (TCP then slows the sender down), so a
 * flooding peer never delays the others by more than one slice. A connection whose session decodes
 * nothing for the idle timeout is closed, however many bytes trickle in (slow loris).
 */
final class TcpTransport implements SourceWorker.Transport {
    private static final Logger LOG = LoggerFactory.getLogger(TcpTransport.class);

    private final SourceWorker source;
    private final NetworkDriver driver;
    private final DeviceSide side;
    private final ByteBuffer buffer;
    private ServerSocketChannel server;
    private Selector selector;
    private long refused;

    TcpTransport(SourceWorker source, NetworkDriver driver, DeviceSide side) {
        this.source = source;
        this.driver = driver;
        this.side = side;
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
                refuse(refusal);
                channel.close();
                continue;
            }
            channel.configureBlocking(false);
            String address = remote.getAddress().getHostAddress();
            long nowNanos = source.nanos.getAsLong();
            PeerOutput output = new PeerOutput(address, source.settings.locationOf(address), source.intake,
                    source.policy, source.clock);
            PeerLink peer = new PeerLink(address + ":" + remote.getPort(), remote,
                    driver.openSession(new Peer(address, remote.getPort())), output,
                    new ByteBucket(source.settings.maxBytesPerSecond(), nowNanos), channel, nowNanos);
            synchronized (source) {
                source.peers.put(peer.key, peer);
            }
            channel.register(selector, SelectionKey.OP_READ, peer);
            peer.started(source.clock.instant(), "connection from " + address + " port " + remote.getPort() + " on "
                    + side.interfaceName());
            flush(peer);
        }
    }

    private void read(PeerLink peer, SelectionKey key) throws IOException {
        long nowNanos = source.nanos.getAsLong();
        int budget = Math.min(buffer.capacity(), peer.bucket.available(nowNanos));
        if (budget == 0) {
            key.interestOps(key.interestOps() & ~SelectionKey.OP_READ); // resumed by tick()
            peer.overRate(nowNanos);
            return;
        }
        buffer.clear().limit(budget);
        int n = peer.channel.read(buffer);
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
    public void tick(Instant now, long nowNanos, long idleNanos) {
        List<PeerLink> all;
        synchronized (source) {
            all = List.copyOf(source.peers.values());
        }
        for (PeerLink peer : all) {
            try {
                peer.tick(now, nowNanos);
                flush(peer);
                SelectionKey key = peer.channel.keyFor(selector);
                if (key != null && key.isValid() && (key.interestOps() & SelectionKey.OP_READ) == 0
                        && peer.bucket.available(nowNanos) > 0) {
                    key.interestOps(key.interestOps() | SelectionKey.OP_READ);
                }
                if (peer.idleSince(nowNanos, idleNanos)) {
                    drop(peer, "nothing decoded for " + source.settings.idleTimeout() + "; connection closed");
                }
            } catch (IOException e) {
                drop(peer, "connection failed: " + e.getMessage());
            }
        }
    }

    private void drop(PeerLink peer, String reason) {
        synchronized (source) {
            if (source.peers.remove(peer.key) == null) {
                return;
            }
        }
        try {
            peer.channel.close();
        } catch (IOException e) {
            LOG.debug("{}: close: {}", peer.key, e.toString());
        }
        peer.closed(reason);
    }

    private void refuse(String why) {
        refused++;
        if (refused == 1 || refused % 1000 == 0) {
            LOG.warn("{}: connection refused ({} so far): {}", source.settings.protocol(), refused, why);
        }
    }

    @Override
    public void close(String reason) {
        List<PeerLink> all;
        synchronized (source) {
            all = List.copyOf(source.peers.values());
        }
        all.forEach(peer -> drop(peer, reason));
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("close: {}", e.toString());
        }
    }
}
