package io.wardgate.audit.syslog;

import java.nio.charset.StandardCharsets;

/**
 * RFC 5425 section 4.3 framing: SYSLOG-FRAME = MSG-LEN SP SYSLOG-MSG, MSG-LEN the octet count of SYSLOG-MSG
 * in decimal without leading zeros.
 */
final class OctetCounting {
    private OctetCounting() {
    }

    static byte[] frame(byte[] message) {
        if (message.length == 0) {
            throw new IllegalArgumentException("an empty syslog message cannot be framed (MSG-LEN starts 1-9)");
        }
        byte[] length = (message.length + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] frame = new byte[length.length + message.length];
        System.arraycopy(length, 0, frame, 0, length.length);
        System.arraycopy(message, 0, frame, length.length, message.length);
        return frame;
    }
}
