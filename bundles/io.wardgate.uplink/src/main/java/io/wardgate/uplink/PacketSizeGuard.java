package io.wardgate.uplink;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the MQTT framing of a connection's inbound bytes below Paho and refuses a packet whose
 * declared size exceeds the bound before the caller sees its length: Paho 1.2.5 allocates the
 * declared Remaining Length (up to 256 MiB) before it checks its own maximum packet size, so a
 * broker ignoring our CONNECT's Maximum Packet Size could otherwise exhaust the heap with 5 bytes.
 * Only the fixed header is inspected; packet bodies pass through untouched.
 */
final class PacketSizeGuard extends FilterInputStream {
    private static final int MAX_LENGTH_BYTES = 4;

    private final long maxPacketBytes;
    /** Bytes of the current packet's body still to pass; -1 while a fixed header is being read. */
    private long bodyLeft = -1;
    private boolean firstByteSeen;
    private int lengthBytes;
    private long length;

    PacketSizeGuard(InputStream in, long maxPacketBytes) {
        super(in);
        if (maxPacketBytes < 2) {
            throw new IllegalArgumentException("maxPacketBytes must be at least 2");
        }
        this.maxPacketBytes = maxPacketBytes;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            inspect(new byte[] {(byte) b}, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        int n = in.read(buffer, offset, count);
        if (n > 0) {
            inspect(buffer, offset, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skip is not supported below the MQTT client");
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Follows the framing over {@code count} bytes; throws before any of them is returned if a packet is too large. */
    private void inspect(byte[] buffer, int offset, int count) throws IOException {
        int at = offset;
        int end = offset + count;
        while (at < end) {
            if (bodyLeft > 0) {
                long step = Math.min(bodyLeft, end - at);
                bodyLeft -= step;
                at += (int) step;
                continue;
            }
            int b = buffer[at++] & 0xFF;
            if (!firstByteSeen) {
                firstByteSeen = true;
                lengthBytes = 0;
                length = 0;
                continue;
            }
            length |= (long) (b & 0x7F) << (7 * lengthBytes);
            lengthBytes++;
            if ((b & 0x80) != 0) {
                if (lengthBytes == MAX_LENGTH_BYTES) {
                    throw new IOException("malformed MQTT remaining length from the broker");
                }
                continue;
            }
            long packet = 1 + lengthBytes + length;
            if (packet > maxPacketBytes) {
                throw new IOException("MQTT packet of " + packet + " bytes from the broker exceeds the maximum of "
                        + maxPacketBytes + " bytes; connection dropped");
            }
            firstByteSeen = false;
            bodyLeft = length;
        }
    }
}
