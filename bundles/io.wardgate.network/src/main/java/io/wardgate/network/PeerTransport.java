package io.wardgate.network;

import io.wardgate.api.driver.NetworkDriver;
import io.wardgate.api.driver.Peer;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What TCP and UDP share: opening a peer (its session, output, byte budget and neighbour lookup), the
 * peers' ticks and idle timeout, refusals counted and logged sparingly, and closing every peer.
 */
abstract class PeerTransport implements SourceWorker.Transport {
    private static final Logger LOG = LoggerFactory.getLogger(PeerTransport.class);

    final SourceWorker source;
    final NetworkDriver driver;
    final DeviceSide side;
    private long refused;

    PeerTransport(SourceWorker source, NetworkDriver driver, DeviceSide side) {
        this.source = source;
        this.driver = driver;
        this.side = side;
    }

    /** A new peer, registered with the source and started; {@code sendTo} is where its session's bytes go. */
    final PeerLink open(String key, InetSocketAddress remote, InetSocketAddress sendTo, SocketChannel channel,
            PeerIo io, long nowNanos, String how) {
        String address = remote.getAddress().getHostAddress();
        PeerOutput output = new PeerOutput(address, source.settings.locationOf(address), source.intake,
                source.policy, source.clock, () -> source.neighbours.macOf(remote.getAddress(), side.interfaceName()));
        PeerLink peer = new PeerLink(key, sendTo, driver.openSession(new Peer(address, sendTo.getPort())), output,
                new ByteBucket(source.settings.maxBytesPerSecond(), nowNanos), channel, io, nowNanos);
        synchronized (source) {
            source.peers.put(key, peer);
        }
        peer.started(source.clock.instant(), how + " from " + address + " port " + remote.getPort() + " on "
                + side.interfaceName(), nowNanos);
        return peer;
    }

    final List<PeerLink> peers() {
        synchronized (source) {
            return List.copyOf(source.peers.values());
        }
    }

    /** Removes a peer; false when it was gone already. */
    final boolean remove(PeerLink peer) {
        synchronized (source) {
            return source.peers.remove(peer.key) != null;
        }
    }

    @Override
    public final void tick(Instant now, long nowNanos, long idleNanos) {
        for (PeerLink peer : peers()) {
            peer.tick(now, nowNanos);
            if (!afterTick(peer, nowNanos)) {
                continue;
            }
            if (peer.idleSince(nowNanos, idleNanos)) {
                drop(peer, "nothing decoded for " + source.settings.idleTimeout() + "; closed");
            }
        }
    }

    /** Sends what the tick produced and resumes reading; false when the peer was dropped meanwhile. */
    abstract boolean afterTick(PeerLink peer, long nowNanos);

    /** Ends a peer's session (and closes its connection, if it has one). */
    abstract void drop(PeerLink peer, String reason);

    /** Closes the sockets, after every peer was dropped. */
    abstract void closeSockets();

    @Override
    public final void close(String reason) {
        peers().forEach(peer -> drop(peer, reason));
        closeSockets();
    }

    /** Counts a refusal; logs the first and every 1000th. */
    final void refuse(String why) {
        refused++;
        if (refused == 1 || refused % 1000 == 0) {
            LOG.warn("{}: refused ({} so far): {}", source.settings.protocol(), refused, why);
        }
    }
}
