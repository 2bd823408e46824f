package io.wardgate.network;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** A connection's plain bytes: straight from the socket, or through TLS ({@link TlsIo}). Non-blocking. */
interface PeerIo {
    /** Plain bytes into {@code dst}; 0 when none are there yet, -1 at the end of the stream. */
    int read(ByteBuffer dst) throws IOException;

    /** Takes plain bytes from {@code src}, as many as can go now; returns how many. */
    int write(ByteBuffer src) throws IOException;

    /** Writes what the layer holds itself (TLS records); true when nothing is left to write. */
    boolean flush() throws IOException;

    /** Whether plain bytes may be waiting without the socket becoming readable again (TLS records already read). */
    boolean buffered();

    static PeerIo plain(SocketChannel channel) {
        return new PeerIo() {
            @Override
            public int read(ByteBuffer dst) throws IOException {
                return channel.read(dst);
            }

            @Override
            public int write(ByteBuffer src) throws IOException {
                return channel.write(src);
            }

            @Override
            public boolean flush() {
                return true;
            }

            @Override
            public boolean buffered() {
                return false;
            }
        };
    }
}
