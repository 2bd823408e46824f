package io.wardgate.driver.medibus;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * MEDIBUS messages (RS 232 MEDIBUS Protocol Definition, rev. 4.03, "Structure of Commands", "Structure
 * of Responses", "ASCII HEX Format"): a command is {@code ESC code [argument] checksum CR}, a response
 * {@code SOH echo [data] checksum CR}; the checksum is the low 8 bits of the sum of every byte from ESC or
 * SOH through the last data byte, sent as two upper-case ASCII hex digits.
 */
public final class MedibusFrames {
    public static final int ESC = 0x1B;
    public static final int SOH = 0x01;
    public static final int CR = 0x0D;
    public static final int NAK = 0x15;
    public static final int DC1 = 0x11;
    public static final int DC3 = 0x13;
    public static final int CAN = 0x18;
    /** A command's argument: at most 251 bytes. */
    public static final int MAX_ARGUMENT = 251;
    /** A response: at most 3845 bytes in all. */
    public static final int MAX_RESPONSE = 3845;

    public static final int NOP = 0x30;
    public static final int ICC = 0x51;
    public static final int STOP = 0x55;
    public static final int DEVICE_ID = 0x52;
    public static final int MEASURED_CP1 = 0x24;
    public static final int ALARMS_CP1 = 0x27;
    public static final int SETTINGS = 0x29;
    public static final int MEASURED_CP2 = 0x2B;
    public static final int ALARMS_CP2 = 0x2E;
    public static final int TIME_CHANGED = 0x49;
    public static final int REALTIME_CONFIG = 0x53;
    public static final int CONFIGURE_REALTIME = 0x54;
    public static final int REALTIME_CHANGED = 0x56;

    private MedibusFrames() {
    }

    public static byte[] command(int code, String argument) {
        if (argument.length() > MAX_ARGUMENT) {
            throw new IllegalArgumentException("a command's argument has at most 251 bytes");
        }
        return message(ESC, code, argument);
    }

    public static byte[] response(int echo, String data) {
        if (data.length() + 5 > MAX_RESPONSE) {
            throw new IllegalArgumentException("a response has at most 3845 bytes");
        }
        return message(SOH, echo, data);
    }

    /** The answer to a corrupt command: {@code SOH NAK "16" CR}. */
    public static byte[] nak() {
        return message(SOH, NAK, "");
    }

    /** The checksum of {@code bytes[0..length)} as two upper-case hex digits. */
    public static String checksum(byte[] bytes, int length) {
        int sum = 0;
        for (int i = 0; i < length; i++) {
            sum += bytes[i] & 0xFF;
        }
        return String.format(Locale.ROOT, "%02X", sum & 0xFF);
    }

    private static byte[] message(int start, int code, String text) {
        byte[] body = text.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[body.length + 5];
        out[0] = (byte) start;
        out[1] = (byte) code;
        System.arraycopy(body, 0, out, 2, body.length);
        byte[] sum = checksum(out, body.length + 2).getBytes(StandardCharsets.US_ASCII);
        out[body.length + 2] = sum[0];
        out[body.length + 3] = sum[1];
        out[body.length + 4] = CR;
        return out;
    }
}
