package io.wardgate.network;

import io.wardgate.api.DeviceEvent;
import io.wardgate.api.driver.ProtocolSession;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Instant;
import java.util.ArrayDeque;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One peer of a source: its session, where its output goes, its byte budget, when it last made
 * progress, the MAC address the device-side neighbour table gives for it (looked up when the peer starts
 * and again every {@value #MAC_REFRESH_SECONDS} s), and (TCP) its connection with a bounded queue of bytes
 * to write.
 */
final class PeerLink {
    private static final Logger LOG = LoggerFactory.getLogger(PeerLink.class);
    static final long MAC_REFRESH_SECONDS = 10;
    private static final long MAC_REFRESH_NANOS = MAC_REFRESH_SECONDS * 1_000_000_000L;

    final String key;
    final InetSocketAddress sendTo;
    final ProtocolSession session;
    final PeerOutput output;
    final ByteBucket bucket;
    final SocketChannel channel;
    /** TCP: the connection's plain bytes (through TLS where the source has it); null for UDP. */
    final PeerIo io;
    private final ArrayDeque<ByteBuffer> unwritten = new ArrayDeque<>();
    private int unwrittenBytes;
    private long lastProgressNanos;
    private long dropped;
    private long macLookedUp;

    PeerLink(String key, InetSocketAddress sendTo, ProtocolSession session, PeerOutput output, ByteBucket bucket,
            SocketChannel channel, PeerIo io, long nowNanos) {
        this.io = io;
        this.key = key;
        this.sendTo = sendTo;
        this.session = session;
        this.output = output;
        this.bucket = bucket;
        this.channel = channel;
        this.lastProgressNanos = nowNanos;
    }

    void started(Instant now, String detail, long nowNanos) {
        lookUpMac(nowNanos);
        output.report(DeviceEvent.Kind.CONNECTED, detail + output.macText());
        session.start(now, output);
        output.flush();
    }

    /** Hands bytes (one datagram, or what a read returned) to the session; counts progress. */
    void received(byte[] bytes, int length, Instant now, long nowNanos) {
        session.receive(bytes, 0, length, now, output);
        output.flush();
        if (output.takeProgress()) {
            lastProgressNanos = nowNanos;
        }
    }

    void tick(Instant now, long nowNanos) {
        if (nowNanos - macLookedUp >= MAC_REFRESH_NANOS) {
            lookUpMac(nowNanos);
        }
        session.tick(now, output);
        output.flush();
        output.tick(nowNanos);
        if (output.takeProgress()) {
            lastProgressNanos = nowNanos;
        }
    }

    private void lookUpMac(long nowNanos) {
        macLookedUp = nowNanos;
        output.lookUpMac();
    }

    boolean idleSince(long nowNanos, long idleNanos) {
        return nowNanos - lastProgressNanos >= idleNanos;
    }

    /** Counts a datagram or read refused by the rate limit; reports the first and every 1000th. */
    void overRate(long nowNanos) {
        dropped++;
        if (dropped == 1 || dropped % 1000 == 0) {
            output.malformed(nowNanos, "sending above the configured rate; " + dropped + " messages dropped so far");
        }
    }

    /** TCP: queues bytes to write; beyond the bound the bytes are dropped (the session is far ahead). */
    boolean queue(byte[] bytes) {
        if (unwrittenBytes + bytes.length > PeerOutput.MAX_PENDING_SEND_BYTES) {
            LOG.warn("{}: peer not reading; {} bytes to send dropped", key, bytes.length);
            return false;
        }
        unwritten.add(ByteBuffer.wrap(bytes));
        unwrittenBytes += bytes.length;
        return true;
    }

    /** TCP: writes what the socket takes now; true when everything queued is written. */
    boolean writeQueued() throws java.io.IOException {
        if (!io.flush()) {
            return false;
        }
        while (!unwritten.isEmpty()) {
            ByteBuffer head = unwritten.peek();
            unwrittenBytes -= io.write(head);
            if (head.hasRemaining()) {
                return false;
            }
            unwritten.poll();
        }
        return io.flush();
    }

    void closed(String detail) {
        output.flush();
        output.report(DeviceEvent.Kind.DISCONNECTED, detail);
    }
}
