package io.wardgate.network;

import io.wardgate.api.driver.NetworkDriver;
import io.wardgate.api.driver.NetworkEndpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
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
final class UdpTransport extends PeerTransport {
    private static final Logger LOG = LoggerFactory.getLogger(UdpTransport.class);

    private final NetworkEndpoint endpoint;
    private final List<DatagramChannel> channels = new ArrayList<>();
    private final ByteBuffer buffer;
    private DatagramChannel unicast;

    UdpTransport(SourceWorker source, NetworkDriver driver, NetworkEndpoint endpoint, DeviceSide side) {
        super(source, driver, side);
        this.endpoint = endpoint;
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
        if (peer == null) {
            String refusal = source.refusal(sender.getAddress(), side);
            if (refusal != null) {
                refuse(refusal);
                return;
            }
            InetSocketAddress sendTo = endpoint.talksToDevicePort()
                    ? new InetSocketAddress(sender.getAddress(), endpoint.devicePort()) : sender;
            peer = open(key, sender, sendTo, null, null, nowNanos, "first datagram");
            send(peer);
        }
        if (!peer.bucket.take(length, nowNanos)) {
            peer.overRate(nowNanos);
            return;
        }
        byte[] copy = new byte[length];
        buffer.flip();
        buffer.get(copy);
        peer.received(copy, length, source.clock.instant(), nowNanos);
        send(peer);
    }

    @Override
    boolean afterTick(PeerLink peer, long nowNanos) {
        send(peer);
        return true;
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

    @Override
    void drop(PeerLink peer, String reason) {
        if (remove(peer)) {
            peer.closed(reason);
        }
    }

    @Override
    void closeSockets() {
        for (DatagramChannel channel : channels) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("close: {}", e.toString());
            }
        }
    }
}
