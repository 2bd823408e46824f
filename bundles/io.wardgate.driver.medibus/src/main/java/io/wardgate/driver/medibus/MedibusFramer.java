package io.wardgate.driver.medibus;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Finds MEDIBUS messages in a byte stream. ESC starts a command, SOH a response, CR ends either; a
 * command may arrive inside a response (the protocol allows it) and is framed on its own. Bytes with
 * the most significant bit set belong to the realtime stream and go to {@link Sink#realtime} wherever
 * they fall; DC1, DC3 and CAN (handshake) are dropped. Limits are fixed up front (a command's argument
 * 251 bytes, a response 3845 in all); a longer message, a control character inside one, or an ESC or
 * SOH before the CR ends the message as an error, and framing resumes at the next ESC or SOH. Bytes
 * outside a message are reported once per run.
 */
public final class MedibusFramer {

    /** Where messages, errors and realtime bytes go. */
    public interface Sink {
        void message(MedibusMessage message);

        /** A command arrived whose checksum did not match: the protocol wants a NAK back. */
        void corruptCommand(long offset, String reason);

        void error(long offset, String reason);

        /** A byte of the realtime stream (most significant bit set) at {@code offset}. */
        void realtime(long offset, int b);
    }

    private static final int ETX = 0x03;

    /** One message being collected. */
    private static final class Buffer {
        final byte[] bytes;
        int length;
        long start;

        Buffer(int capacity) {
            bytes = new byte[capacity];
        }
    }

    private final Buffer outer = new Buffer(MedibusFrames.MAX_RESPONSE);
    private final Buffer embedded = new Buffer(MedibusFrames.MAX_ARGUMENT + 5);
    private boolean inOuter;
    private boolean inEmbedded;
    private long position;
    private long strayStart = -1;

    public void feed(byte[] bytes, int offset, int count, Sink sink) {
        Objects.checkFromIndexSize(offset, count, bytes.length);
        for (int i = offset; i < offset + count; i++) {
            accept(bytes[i] & 0xFF, sink);
            position++;
        }
    }

    public void reset() {
        inOuter = false;
        inEmbedded = false;
        position = 0;
        strayStart = -1;
    }

    private void accept(int b, Sink sink) {
        if (b >= 0x80) {
            sink.realtime(position, b);
            return;
        }
        if (b == MedibusFrames.DC1 || b == MedibusFrames.DC3 || b == MedibusFrames.CAN) {
            return;
        }
        if (b == MedibusFrames.ESC || b == MedibusFrames.SOH) {
            endStray(sink);
            start(b, sink);
            return;
        }
        Buffer current = inEmbedded ? embedded : inOuter ? outer : null;
        if (current == null) {
            if (strayStart < 0) {
                strayStart = position;
            }
            return;
        }
        if (b == MedibusFrames.CR) {
            finish(current, sink);
            if (inEmbedded) {
                inEmbedded = false;
            } else {
                inOuter = false;
            }
            return;
        }
        boolean echoOfNak = current.length == 1 && b == MedibusFrames.NAK && current.bytes[0] == MedibusFrames.SOH;
        if ((b < 0x20 && b != ETX && !echoOfNak) || b == 0x7F) {
            fail(current, sink, String.format("control character 0x%02X inside a message; message skipped", b));
            return;
        }
        if (current.length == current.bytes.length) {
            fail(current, sink, "message longer than " + current.bytes.length + " bytes; skipped");
            return;
        }
        current.bytes[current.length++] = (byte) b;
    }

    private void start(int b, Sink sink) {
        if (b == MedibusFrames.ESC && inOuter && !inEmbedded && outer.bytes[0] == MedibusFrames.SOH) {
            inEmbedded = true;
            begin(embedded, b);
            return;
        }
        if (inEmbedded) {
            sink.error(embedded.start, "command without its CR; skipped");
            inEmbedded = false;
        }
        if (inOuter) {
            sink.error(outer.start, "message without its CR; skipped");
        }
        inOuter = true;
        begin(outer, b);
    }

    private void begin(Buffer buffer, int b) {
        buffer.length = 1;
        buffer.bytes[0] = (byte) b;
        buffer.start = position;
    }

    private void fail(Buffer buffer, Sink sink, String reason) {
        sink.error(buffer.start, reason);
        if (buffer == embedded) {
            inEmbedded = false;
        } else {
            inOuter = false;
            inEmbedded = false;
        }
    }

    private void endStray(Sink sink) {
        if (strayStart >= 0) {
            sink.error(strayStart, (position - strayStart) + " bytes outside a message skipped");
            strayStart = -1;
        }
    }

    private static void finish(Buffer buffer, Sink sink) {
        boolean command = buffer.bytes[0] == MedibusFrames.ESC;
        if (buffer.length < 4) {
            sink.error(buffer.start, "message of " + buffer.length + " bytes too short for a code and a checksum");
            return;
        }
        String sent = new String(buffer.bytes, buffer.length - 2, 2, StandardCharsets.US_ASCII);
        String expected = MedibusFrames.checksum(buffer.bytes, buffer.length - 2);
        if (!sent.equals(expected)) {
            String reason = "checksum \"" + printable(sent) + "\", the message sums to " + expected;
            if (command) {
                sink.corruptCommand(buffer.start, reason);
            } else {
                sink.error(buffer.start, reason + "; response skipped");
            }
            return;
        }
        String text = new String(buffer.bytes, 2, buffer.length - 4, StandardCharsets.US_ASCII);
        sink.message(new MedibusMessage(buffer.start, command, buffer.bytes[1] & 0xFF, text));
    }

    private static String printable(String s) {
        return s.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
