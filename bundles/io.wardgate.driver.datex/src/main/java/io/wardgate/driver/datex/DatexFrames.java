package io.wardgate.driver.datex;

import java.io.ByteArrayOutputStream;

/**
 * The S/5 Computer Interface frame (Computer Interface Specification M1017617, "Frame structure", "Data
 * transparency", "Checksum"): {@code 7E | record | checksum | 7E}, the checksum the sum of the record's
 * bytes in 8-bit unsigned arithmetic, and every 0x7E or 0x7D of record and checksum sent as 0x7D followed
 * by the byte with bit 5 cleared.
 */
public final class DatexFrames {
    public static final int FLAG = 0x7E;
    public static final int CONTROL = 0x7D;
    /** The DRI header (40 bytes) plus the largest data area, 1450 bytes (DRI specification, datex_record). */
    public static final int MAX_RECORD = 40 + 1450;

    private DatexFrames() {
    }

    /** The sum of the bytes, mod 256. */
    public static int checksum(byte[] record, int offset, int length) {
        int sum = 0;
        for (int i = offset; i < offset + length; i++) {
            sum += record[i] & 0xFF;
        }
        return sum & 0xFF;
    }

    /** The record framed for the line: flags, escapes, checksum. */
    public static byte[] frame(byte[] record) {
        if (record.length == 0 || record.length > MAX_RECORD) {
            throw new IllegalArgumentException("a record has 1 to " + MAX_RECORD + " bytes, not " + record.length);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(record.length + 8);
        out.write(FLAG);
        for (byte b : record) {
            escape(out, b & 0xFF);
        }
        escape(out, checksum(record, 0, record.length));
        out.write(FLAG);
        return out.toByteArray();
    }

    private static void escape(ByteArrayOutputStream out, int b) {
        if (b == FLAG || b == CONTROL) {
            out.write(CONTROL);
            out.write(b & ~0x20);
        } else {
            out.write(b);
        }
    }
}
