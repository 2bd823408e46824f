package io.wardgate.driver.intellivue;

import java.io.ByteArrayOutputStream;

/** Builds MIB/RS232 frames: header, FCS, transparency and the {@code C0}/{@code C1} delimiters. */
public final class FrameEncoder {
    public static final int MAX_USER_DATA = 0xFFFF;

    private FrameEncoder() {
    }

    /** A complete frame carrying {@code userData} (a data-export or association PDU). */
    public static byte[] frame(byte[] userData) {
        if (userData.length > MAX_USER_DATA) {
            throw new IllegalArgumentException("user data of " + userData.length + " bytes does not fit a frame");
        }
        byte[] content = new byte[FrameDecoder.HEADER_LENGTH + userData.length];
        content[0] = (byte) IntelliVueIds.FRAME_PROTOCOL_ID;
        content[1] = (byte) IntelliVueIds.FRAME_MESSAGE_TYPE;
        content[2] = (byte) (userData.length >>> 8);
        content[3] = (byte) userData.length;
        System.arraycopy(userData, 0, content, FrameDecoder.HEADER_LENGTH, userData.length);
        return frameContent(content);
    }

    /**
     * Frames bytes as they are: appends the FCS (least significant byte first), escapes and delimits.
     * {@link #frame} adds the header first; this form exists for the published FCS vectors, which
     * frame bare payloads.
     */
    public static byte[] frameContent(byte[] content) {
        int fcs = Fcs.compute(content, 0, content.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + content.length / 8 + 8);
        out.write(FrameDecoder.BOF);
        for (byte b : content) {
            writeEscaped(out, b & 0xFF);
        }
        writeEscaped(out, fcs & 0xFF);
        writeEscaped(out, fcs >>> 8);
        out.write(FrameDecoder.EOF);
        return out.toByteArray();
    }

    private static void writeEscaped(ByteArrayOutputStream out, int b) {
        if (b == FrameDecoder.BOF || b == FrameDecoder.EOF || b == FrameDecoder.ESCAPE) {
            out.write(FrameDecoder.ESCAPE);
            out.write(b ^ FrameDecoder.ESCAPE_XOR);
        } else {
            out.write(b);
        }
    }
}
