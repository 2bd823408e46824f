package io.wardgate.audit.syslog;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The collector's side of RFC 5425 section 4.3 framing, for tests: MSG-LEN SP SYSLOG-MSG, MSG-LEN a decimal
 * without leading zero. Bounded: a length of more than 7 digits or above {@code max} is refused.
 */
final class SyslogFrames {
    private SyslogFrames() {
    }

    /** The next SYSLOG-MSG, or null at a clean end of stream between frames. */
    static byte[] next(InputStream in, int max) throws IOException {
        int c = in.read();
        if (c < 0) {
            return null;
        }
        if (c < '1' || c > '9') {
            throw new IOException("MSG-LEN must start with 1-9, got " + c);
        }
        long length = c - '0';
        int digits = 1;
        for (c = in.read(); c != ' '; c = in.read()) {
            if (c < '0' || c > '9' || ++digits > 7) {
                throw new IOException("bad MSG-LEN");
            }
            length = length * 10 + (c - '0');
        }
        if (length > max) {
            throw new IOException("frame of " + length + " bytes exceeds " + max);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) length);
        byte[] buffer = new byte[(int) length];
        int done = 0;
        while (done < length) {
            int n = in.read(buffer, done, (int) length - done);
            if (n < 0) {
                throw new EOFException("stream ended inside a frame");
            }
            done += n;
        }
        out.write(buffer, 0, done);
        return out.toByteArray();
    }
}
