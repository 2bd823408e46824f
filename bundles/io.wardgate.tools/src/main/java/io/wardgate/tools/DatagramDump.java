package io.wardgate.tools;

import io.wardgate.api.driver.ProtocolSession;
import io.wardgate.api.driver.SessionOutput;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;

/**
 * A UDP payload dump, what {@code wardgate decode} takes for a datagram protocol (intellivue-lan): the
 * datagrams a device sent, in order, each as a record of a 2-byte big-endian length and that many payload
 * bytes (no IP or UDP headers, no times). Each datagram is one receive call of the session, as on the
 * network; synthetic time advances {@link #DATAGRAM_TIME} per datagram.
 */
final class DatagramDump {
    static final Duration DATAGRAM_TIME = Duration.ofMillis(100);
    static final int MAX_DATAGRAM = 0xFFFF;

    private DatagramDump() {
    }

    /** Writes one record (tests and tools that make dumps). */
    static void write(OutputStream out, byte[] datagram) throws IOException {
        if (datagram.length > MAX_DATAGRAM) {
            throw new IllegalArgumentException("a datagram holds at most " + MAX_DATAGRAM + " bytes");
        }
        out.write(datagram.length >>> 8);
        out.write(datagram.length & 0xFF);
        out.write(datagram);
    }

    /** Why a dump could not be read to its end; the datagrams before were decoded. */
    static final class Truncated extends IOException {
        private static final long serialVersionUID = 1L;

        Truncated(String message) {
            super(message);
        }
    }

    /**
     * Feeds every datagram of {@code in} to the session; returns how many. Throws {@link Truncated} when the
     * file ends inside a record (after the whole records before it were fed).
     */
    static long feed(InputStream raw, ProtocolSession session, Instant start, SessionOutput output)
            throws IOException {
        InputStream in = new BufferedInputStream(raw);
        session.start(start, output);
        long offset = 0;
        long count = 0;
        Instant now = start;
        for (int high = in.read(); high >= 0; high = in.read()) {
            int low = in.read();
            if (low < 0) {
                throw new Truncated("the file ends inside the length of the record at byte " + offset);
            }
            int length = high << 8 | low;
            byte[] datagram = in.readNBytes(length);
            if (datagram.length < length) {
                throw new Truncated("the record at byte " + offset + " announces " + length + " bytes, the file has "
                        + datagram.length + " left");
            }
            count++;
            now = start.plus(DATAGRAM_TIME.multipliedBy(count));
            session.receive(datagram, 0, length, now, output);
            session.tick(now, output);
            offset += 2 + length;
        }
        session.tick(now.plus(DecodeCommand.FINAL_SILENCE), output);
        return count;
    }
}
