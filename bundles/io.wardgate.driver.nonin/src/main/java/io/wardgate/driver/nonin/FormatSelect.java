package io.wardgate.driver.nonin;

/**
 * The host's data format select command and the device's one-byte answers
 * (Nonin 9560 OEM specification, "Selecting the Data Format").
 */
final class FormatSelect {
    static final byte STX = 0x02;
    static final byte OP_DATA_FORMAT = 0x70;
    static final byte ETX = 0x03;
    static final byte ACK = 0x06;
    static final byte NAK = 0x15;

    private FormatSelect() {
    }

    /** {@code 02 70 02 02 <fmt> 03}: STX, op code, data size 2, data type 2, format, ETX. */
    static byte[] command(DataFormat format) {
        return new byte[] {STX, OP_DATA_FORMAT, 0x02, 0x02, (byte) format.code(), ETX};
    }
}
