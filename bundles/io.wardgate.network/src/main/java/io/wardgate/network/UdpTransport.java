package io.wardgate.network;

import io.wardgate.api.driver.NetworkDriver;
import io.wardgate.api.driver.NetworkEndpoint;
import io.wardgate.api.driver.Peer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * UDP: one session per peer (per address and port, or per address when the driver names a device
 * port), one datagram per receive call. A datagram larger than the limit, from outside the device-side
 * subnet, beyond the peer limit or above the peer's rate is dropped before any session sees it. Where
 * the device side has a subnet broadcast address a second socket is bound to it (announcements such as
 * IntelliVue connect indications are broadcast), never to the wildcard address.
 */
final class UdpTransport implements SourceWorker.Transport {
    private static final Logger LOG = LoggerFactory.getLogger(UdpTransport.class);

    private final SourceWorker source;
    private final NetworkDriver driver;
    private final NetworkEndpoint endpoint;
    private final DeviceSide side;
    private final List<DatagramChannel> channels = new ArrayList<>();
    private final ByteBuffer buffer;
    private DatagramChannel unicast;
    private long refused;

    UdpTransport(SourceWorker source, NetworkDriver driver, NetworkEndpoint endpoint, DeviceSide side) {
        this.source = source;
        this.driver = driver;
        this.endpoint = endpoint;
        this.side = side;
        // One byte more than the limit: a datagram that fills it was too large (and truncated by the kernel).
        this.buffer = ByteBuffer.allocate(source.settings.maxMessageBytes() + 1);
    }

    @Override
    public void bind(InetSocketAddress address, Selector selector) throws IOException {
        unicast = channel(address, selector);
        if (endpoint.talksToDevicePort() && side.broadcast().isPresent()) {
            channel(new InetSocketAddress(side.broadcast().get(), address.getPort()), selector);
        }
    }

    private DatagramChannel channel(InetSocketAddress address, Selector selector) throws IOException {
        DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
        channels.add(channel);
        channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        channel.setOption(StandardSocketOptions.SO_BROADCAST, true);
        channel.bind(address);
        channel.configureBlocking(false);
        channel.register(selector, SelectionKey.OP_READ);
        return channel;
    }

    @Override
    public void ready(SelectionKey key) throws IOException {
        DatagramChannel channel = (DatagramChannel) key.channel();
        // Drain what is there, but bounded, so the tick and other channels get their turn.
        for (int i = 0; i < 256; i++) {
            buffer.clear();
            InetSocketAddress sender = (InetSocketAddress) channel.receive(buffer);
            if (sender == null) {
                return;
            }
            datagram(sender, buffer.position());
        }
    }

    private void datagram(InetSocketAddress sender, int length) {
        long nowNanos = source.nanos.getAsLong();
        if (length > source.settings.maxMessageBytes()) {
            refuse("datagram from " + sender.getAddress().getHostAddress() + " larger than "
                    + source.settings.maxMessageBytes() + " bytes (maxMessageBytes)");
            return;
        }
        String address = sender.getAddress().getHostAddress();
        String key = endpoint.talksToDevicePort() ? address : address + ":" + sender.getPort();
        PeerLink peer;
        synchronized (source) {
            peer = source.peers.get(key);
        }
        Instant now = source.clock.instant();
        if (peer == null) {
            String refusal = source.refusal(sender.getAddress(), side);
            if (refusal != null) {
                refuse(refusal);
                return;
            }
            InetSocketAddress sendTo = endpoint.talksToDevicePort()
                    ? new InetSocketAddress(sender.getAddress(), endpoint.devicePort()) : sender;
            PeerOutput output = new PeerOutput(address, source.settings.locationOf(address), source.intake,
                    source.policy, source.clock);
            peer = new PeerLink(key, sendTo, driver.openSession(new Peer(address, sendTo.getPort())), output,
                    new ByteBucket(source.settings.maxBytesPerSecond(), nowNanos), null, nowNanos);
            synchronized (source) {
                source.peers.put(key, peer);
            }
            peer.started(now, "first datagram from " + address + " port " + sender.getPort() + " on "
                    + side.interfaceName());
            send(peer);
        }
        if (!peer.bucket.take(length, nowNanos)) {
            peer.overRate(nowNanos);
            return;
        }
        byte[] copy = new byte[length];
        buffer.flip();
        buffer.get(copy);
        peer.received(copy, length, now, nowNanos);
        send(peer);
    }

    @Override
    public void tick(Instant now, long nowNanos, long idleNanos) {
        List<PeerLink> all;
        synchronized (source) {
            all = List.copyOf(source.peers.values());
        }
        for (PeerLink peer : all) {
            peer.tick(now, nowNanos);
            send(peer);
            if (peer.idleSince(nowNanos, idleNanos)) {
                drop(peer, "nothing decoded for " + source.settings.idleTimeout());
            }
        }
    }

    private void send(PeerLink peer) {
        for (byte[] datagram : peer.output.takeSends()) {
            try {
                unicast.send(ByteBuffer.wrap(datagram), peer.sendTo);
            } catch (IOException e) {
                LOG.debug("{}: send failed: {}", peer.key, e.toString());
            }
        }
    }

    private void drop(PeerLink peer, String reason) {
        synchronized (source) {
            source.peers.remove(peer.key);
        }
        peer.closed(reason);
    }

    private void refuse(String why) {
        refused++;
        if (refused == 1 || refused % 1000 == 0) {
            LOG.warn("{}: refused ({} so far): {}", source.settings.protocol(), refused, why);
        }
    }

    @Override
    public void close(String reason) {
        List<PeerLink> all;
        synchronized (source) {
            all = List.copyOf(source.peers.values());
        }
        all.forEach(peer -> drop(peer, reason));
        for (Iterator<DatagramChannel> it = channels.iterator(); it.hasNext();) {
            try {
                it.next().close();
            } catch (IOException e) {
                LOG.debug("close: {}", e.toString());
            }
        }
    }
}
