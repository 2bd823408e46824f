package io.wardgate.driver.intellivue;

/**
 * The frame check sequence of MIB/RS232 frames: CRC-16/X-25 (the PPP FCS-16 of RFC 1662), reflected
 * polynomial 0x1021 (0x8408 reflected), initial value 0xFFFF, final XOR 0xFFFF. It covers the header
 * and the user data before escaping and is sent least significant byte first.
 */
public final class Fcs {
    /** Running the register over data followed by its own FCS leaves this value (RFC 1662 "good FCS"). */
    public static final int GOOD_RESIDUE = 0xF0B8;
    static final int INITIAL = 0xFFFF;

    private static final int[] TABLE = table();

    private Fcs() {
    }

    /** The FCS of {@code length} bytes from {@code offset}, ready to send (final XOR applied). */
    public static int compute(byte[] bytes, int offset, int length) {
        return update(INITIAL, bytes, offset, length) ^ 0xFFFF;
    }

    /** Runs the register over more bytes, without the final XOR. */
    static int update(int register, byte[] bytes, int offset, int length) {
        int crc = register;
        for (int i = offset; i < offset + length; i++) {
            crc = (crc >>> 8) ^ TABLE[(crc ^ bytes[i]) & 0xFF];
        }
        return crc;
    }

    private static int[] table() {
        int[] table = new int[256];
        for (int b = 0; b < 256; b++) {
            int crc = b;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x8408 : crc >>> 1;
            }
            table[b] = crc;
        }
        return table;
    }
}
