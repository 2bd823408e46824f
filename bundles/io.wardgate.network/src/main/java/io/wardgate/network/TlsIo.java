package io.wardgate.network;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * TLS over a non-blocking connection with an {@link SSLEngine}, on the source's selector thread. Buffers
 * are fixed at the session's record sizes: a peer cannot make it allocate more. The handshake runs as
 * records arrive; a handshake that fails (no client certificate, an unknown CA) is an {@link SSLException}
 * from {@link #read}, and the transport drops the connection. Handshake bytes are no progress: a peer
 * that stalls its handshake meets the idle timeout like any slow sender.
 */
final class TlsIo implements PeerIo {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    /** Steps per call: a handshake takes a handful; more means the engine is not moving. */
    private static final int MAX_STEPS = 64;

    private final SocketChannel channel;
    private final SSLEngine engine;
    /** Encrypted bytes read, not yet unwrapped (write mode). */
    private final ByteBuffer netIn;
    /** Encrypted bytes wrapped, not yet written (read mode). */
    private final ByteBuffer netOut;
    /** Plain bytes unwrapped, not yet handed over (read mode). */
    private final ByteBuffer appIn;
    private boolean ended;

    TlsIo(SocketChannel channel, SSLEngine engine) throws SSLException {
        this.channel = channel;
        this.engine = engine;
        SSLSession session = engine.getSession();
        netIn = ByteBuffer.allocate(session.getPacketBufferSize());
        netOut = ByteBuffer.allocate(2 * session.getPacketBufferSize()).flip();
        appIn = ByteBuffer.allocate(session.getApplicationBufferSize()).flip();
        engine.beginHandshake();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!appIn.hasRemaining() && !ended) {
            if (channel.read(netIn) < 0) {
                ended = true;
            }
            unwrap();
            flush();
        }
        if (!appIn.hasRemaining()) {
            return ended ? -1 : 0;
        }
        int n = Math.min(dst.remaining(), appIn.remaining());
        ByteBuffer part = appIn.slice();
        part.limit(n);
        dst.put(part);
        appIn.position(appIn.position() + n);
        return n;
    }

    /** Unwraps what was read (and answers the handshake) until the engine needs more bytes or room. */
    private void unwrap() throws IOException {
        appIn.compact();
        try {
            for (int step = 0; step < MAX_STEPS; step++) {
                HandshakeStatus status = engine.getHandshakeStatus();
                if (status == HandshakeStatus.NEED_TASK) {
                    for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
                        task.run();
                    }
                    continue;
                }
                if (status == HandshakeStatus.NEED_WRAP) {
                    if (!wrap(EMPTY)) {
                        return; // records waiting to be written first; OP_WRITE resumes
                    }
                    continue;
                }
                netIn.flip();
                SSLEngineResult result;
                try {
                    result = engine.unwrap(netIn, appIn);
                } finally {
                    netIn.compact();
                }
                if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                    ended = true;
                    return;
                }
                if (result.getStatus() != SSLEngineResult.Status.OK) {
                    return; // underflow: more bytes needed; overflow: the plain bytes must be taken first
                }
                if (result.bytesConsumed() == 0 && result.bytesProduced() == 0
                        && result.getHandshakeStatus() != HandshakeStatus.NEED_TASK
                        && result.getHandshakeStatus() != HandshakeStatus.NEED_WRAP) {
                    return;
                }
            }
        } finally {
            appIn.flip();
        }
    }

    /** Wraps {@code src} into records; false when there was no room (the socket must take what is there). */
    private boolean wrap(ByteBuffer src) throws IOException {
        netOut.compact();
        SSLEngineResult result;
        try {
            result = engine.wrap(src, netOut);
        } finally {
            netOut.flip();
        }
        if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
            ended = true;
            return false;
        }
        return result.getStatus() == SSLEngineResult.Status.OK;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        int before = src.remaining();
        while (src.hasRemaining() && flush() && !ended) {
            int left = src.remaining();
            if (!wrap(src) || src.remaining() == left) {
                break; // no room, or nothing taken (handshake not done yet)
            }
        }
        flush();
        return before - src.remaining();
    }

    @Override
    public boolean flush() throws IOException {
        while (netOut.hasRemaining()) {
            if (channel.write(netOut) == 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean buffered() {
        return appIn.hasRemaining() || netIn.position() > 0;
    }
}
