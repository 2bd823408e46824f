package io.wardgate.driver.nonin.sim;

/**
 * The device side of Nonin data formats 7 and 8, written from the 9560 specification's tables
 * (independently of the decoders beside it in this bundle, so each checks the other).
 */
final class NoninFrames {
    static final int MISSING_PULSE_RATE = 511;
    static final int MISSING_SPO2 = 127;
    /** DF8 STATUS bit 6 (SNSD in device-protocols.md) and STATUS2 bit 3 (SNSA). */
    static final int DF8_SENSOR_DISCONNECTED = 0x40;
    static final int DF8_SENSOR_ALARM = 0x08;
    /** DF7 STATUS bits. */
    static final int DF7_SENSOR_ALARM = 0x08;
    static final int DF7_GREEN_PERFUSION = 0x02;
    static final int DF7_SYNC = 0x01;
    static final int FIRMWARE_REVISION = 0x2A;

    private NoninFrames() {
    }

    static byte[] df8(int statusFlags, int pulseRate, int spo2, int status2) {
        return new byte[] {(byte) (0x80 | statusFlags | pulseRate >> 7 & 0x03), (byte) (pulseRate & 0x7F),
                (byte) (spo2 & 0x7F), (byte) (status2 & 0x7F)};
    }

    /** A DF7 frame: STATUS (bit 7 set, SYNC on frame 0), pleth MSB and LSB, FLOAT, checksum. */
    static byte[] df7(int position, int statusFlags, int pleth, int pulseRate, int spo2, int tick) {
        int status = 0x80 | statusFlags | (position == 0 ? DF7_SYNC : 0);
        int msb = pleth >> 8 & 0xFF;
        int lsb = pleth & 0xFF;
        int floatByte = floatByte(position, pulseRate, spo2, tick) & 0x7F;
        int checksum = (status + msb + lsb + floatByte) & 0xFF;
        return new byte[] {(byte) status, (byte) msb, (byte) lsb, (byte) floatByte, (byte) checksum};
    }

    /** The FLOAT byte of each frame of a packet (9560 specification, DF7 packet table). */
    private static int floatByte(int position, int pulseRate, int spo2, int tick) {
        return switch (position) {
            case 0, 13, 19, 21 -> pulseRate >> 7 & 0x03; // HR, E-HR, HR-D, E-HR-D MSB
            case 1, 14, 20, 22 -> pulseRate & 0x7F; // ... LSB
            case 2, 8, 9, 10, 15, 16 -> spo2; // SpO2, SpO2-D, fast, beat-to-beat, E-SpO2, E-SpO2-D
            case 3 -> FIRMWARE_REVISION;
            case 5 -> tick >> 7 & 0x7F; // 1/3 s timer MSB
            case 6 -> tick & 0x7F; // ... LSB
            default -> 0; // STAT2 (no low battery) and reserved
        };
    }
}
