package io.wardgate.driver.intellivue;

import java.util.Arrays;

/** Big-endian reads from a bounded window of a PDU; every read checks the bound first. */
final class PduReader {
    private final byte[] bytes;
    private int position;
    private final int limit;

    PduReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    private PduReader(byte[] bytes, int offset, int limit) {
        this.bytes = bytes;
        this.position = offset;
        this.limit = limit;
    }

    int remaining() {
        return limit - position;
    }

    boolean hasRemaining() {
        return position < limit;
    }

    /** Throws unless at least {@code count} bytes remain. */
    void require(int count, String what) throws MalformedPdu {
        if (count < 0 || count > remaining()) {
            throw new MalformedPdu(what + ": needs " + count + " bytes, " + remaining() + " left");
        }
    }

    int u8(String what) throws MalformedPdu {
        require(1, what);
        return bytes[position++] & 0xFF;
    }

    int u16(String what) throws MalformedPdu {
        require(2, what);
        int value = ((bytes[position] & 0xFF) << 8) | (bytes[position + 1] & 0xFF);
        position += 2;
        return value;
    }

    /** An unsigned 32-bit value. */
    long u32(String what) throws MalformedPdu {
        require(4, what);
        return ((long) u16(what) << 16) | u16(what);
    }

    int i32(String what) throws MalformedPdu {
        return (int) u32(what);
    }

    void skip(int count, String what) throws MalformedPdu {
        require(count, what);
        position += count;
    }

    byte[] bytes(int count, String what) throws MalformedPdu {
        require(count, what);
        byte[] copy = Arrays.copyOfRange(bytes, position, position + count);
        position += count;
        return copy;
    }

    /** The next {@code count} bytes as a reader of their own; this reader moves past them. */
    PduReader slice(int count, String what) throws MalformedPdu {
        require(count, what);
        PduReader slice = new PduReader(bytes, position, position + count);
        position += count;
        return slice;
    }

    /** A u16 length followed by that many bytes, as a reader. */
    PduReader lengthPrefixed(String what) throws MalformedPdu {
        return slice(u16(what + " length"), what);
    }

    /** Finds {@code pattern} at or after the current position and moves just past it. */
    boolean skipPast(byte[] pattern) {
        for (int i = position; i + pattern.length <= limit; i++) {
            if (Arrays.equals(bytes, i, i + pattern.length, pattern, 0, pattern.length)) {
                position = i + pattern.length;
                return true;
            }
        }
        return false;
    }
}
