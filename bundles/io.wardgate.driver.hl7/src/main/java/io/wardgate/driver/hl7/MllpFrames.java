package io.wardgate.driver.hl7;

import java.nio.charset.StandardCharsets;

/**
 * MLLP (HL7 v2 Minimal Lower Layer Protocol, HL7 v2.x Implementation Guide: Transport Specification:
 * MLLP, release 2): a message is sent as {@code 0B <message> 1C 0D}. Public for the simulator.
 */
public final class MllpFrames {
    /** Start block (VT). */
    public static final int START = 0x0B;
    /** End block (FS), followed by {@link #CR}. */
    public static final int END = 0x1C;
    public static final int CR = 0x0D;

    private MllpFrames() {
    }

    /** One framed message. */
    public static byte[] wrap(byte[] message) {
        byte[] framed = new byte[message.length + 3];
        framed[0] = START;
        System.arraycopy(message, 0, framed, 1, message.length);
        framed[framed.length - 2] = END;
        framed[framed.length - 1] = CR;
        return framed;
    }

    /** One framed message; ER7 text as UTF-8 (MSH-18 "UNICODE UTF-8") or ASCII. */
    public static byte[] wrap(String er7) {
        return wrap(er7.getBytes(StandardCharsets.UTF_8));
    }
}
