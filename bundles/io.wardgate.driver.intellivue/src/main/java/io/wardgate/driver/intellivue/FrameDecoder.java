package io.wardgate.driver.intellivue;

import java.util.Arrays;

/**
 * Finds MIB/RS232 frames in a byte stream: {@code C0 | header(4) | user data | FCS(2) | C1}, with
 * {@code C0}, {@code C1} and {@code 7D} inside a frame sent as {@code 7D, b ^ 0x20}, and {@code 7D C1}
 * aborting the frame. The header is protocol id 0x11, message type 0x01 and the user-data length
 * (big-endian u16).
 *
 * <p>Only framing: it checks FCS, header and length, and hands out the user data. It accepts any split
 * of the stream (one byte at a time is fine), holds at most {@code maxFrameLength} bytes, and never
 * throws on bad input: an oversized frame switches it to discard mode until the next frame boundary,
 * and every skipped run of bytes is reported once to the {@link FrameSink}.
 */
public final class FrameDecoder {
    public static final int BOF = 0xC0;
    public static final int EOF = 0xC1;
    public static final int ESCAPE = 0x7D;
    public static final int ESCAPE_XOR = 0x20;
    public static final int HEADER_LENGTH = 4;
    public static final int FCS_LENGTH = 2;
    /** Header and FCS: what a frame holds besides its user data. */
    public static final int OVERHEAD = HEADER_LENGTH + FCS_LENGTH;
    /** Garbage outside frames is reported at least every this many bytes, so a babbling line stays visible. */
    static final int JUNK_REPORT_INTERVAL = 65_536;

    private enum State { HUNT, FRAME, ESCAPED, DISCARD }

    private final int maxFrameLength;
    private final byte[] buffer;
    private State state = State.HUNT;
    private int length;
    private long position;
    private long frameStart;
    private long junkStart;
    private long junkCount;
    private long discarded;
    private String discardReason = "";

    /**
     * @param maxFrameLength the most unescaped bytes between {@code C0} and {@code C1} (header, user data
     *        and FCS), from {@value #OVERHEAD} + 1 to 65541
     */
    public FrameDecoder(int maxFrameLength) {
        if (maxFrameLength <= OVERHEAD || maxFrameLength > 0xFFFF + OVERHEAD) {
            throw new IllegalArgumentException("maxFrameLength must be " + (OVERHEAD + 1) + " to " + (0xFFFF + OVERHEAD)
                    + ", not " + maxFrameLength);
        }
        this.maxFrameLength = maxFrameLength;
        this.buffer = new byte[maxFrameLength];
    }

    /** How many bytes this decoder has been fed: the offset the next byte will have. */
    public long position() {
        return position;
    }

    public void feed(byte[] bytes, int offset, int count, FrameSink sink) {
        if (offset < 0 || count < 0 || offset > bytes.length - count) {
            throw new IndexOutOfBoundsException("offset " + offset + ", count " + count + ", array " + bytes.length);
        }
        for (int i = offset; i < offset + count; i++) {
            accept(bytes[i] & 0xFF, sink);
            position++;
        }
    }

    private void accept(int b, FrameSink sink) {
        switch (state) {
            case HUNT -> {
                if (b == BOF) {
                    reportJunk(sink);
                    begin();
                } else {
                    skipJunk(sink);
                }
            }
            case FRAME -> {
                if (b == BOF) {
                    if (length > 0) {
                        sink.error(frameStart, "frame truncated after " + length + " bytes: a new frame started");
                    }
                    begin();
                } else if (b == EOF) {
                    complete(sink);
                    state = State.HUNT;
                } else if (b == ESCAPE) {
                    state = State.ESCAPED;
                } else {
                    append(b);
                }
            }
            case ESCAPED -> {
                if (b == EOF) {
                    sink.error(frameStart, "frame aborted by the sender (7D C1) after " + length + " bytes");
                    state = State.HUNT;
                } else if (b == BOF) {
                    sink.error(frameStart, "frame truncated after an escape byte: a new frame started");
                    begin();
                } else {
                    state = State.FRAME;
                    append(b ^ ESCAPE_XOR);
                }
            }
            case DISCARD -> {
                if (b == BOF || b == EOF) {
                    sink.error(frameStart, discardReason + "; " + discarded + " bytes skipped");
                    if (b == BOF) {
                        begin();
                    } else {
                        state = State.HUNT;
                    }
                } else {
                    discarded++;
                }
            }
        }
    }

    private void begin() {
        state = State.FRAME;
        frameStart = position;
        length = 0;
    }

    private void skipJunk(FrameSink sink) {
        if (junkCount == 0) {
            junkStart = position;
        }
        junkCount++;
        if (junkCount >= JUNK_REPORT_INTERVAL) {
            reportJunk(sink);
        }
    }

    private void reportJunk(FrameSink sink) {
        if (junkCount > 0) {
            sink.error(junkStart, junkCount + " bytes outside a frame skipped");
            junkCount = 0;
        }
    }

    private void append(int b) {
        if (length == maxFrameLength) {
            discard("frame longer than " + maxFrameLength + " bytes");
            discarded++;
            return;
        }
        buffer[length++] = (byte) b;
        if (length == HEADER_LENGTH) {
            checkHeader();
        }
    }

    /** The header is checked as soon as it is complete, so a bad or oversized frame is skipped early. */
    private void checkHeader() {
        int protocolId = buffer[0] & 0xFF;
        int messageType = buffer[1] & 0xFF;
        int declared = declaredLength();
        if (protocolId != IntelliVueIds.FRAME_PROTOCOL_ID) {
            discard(String.format("unknown protocol id 0x%02X", protocolId));
        } else if (messageType != IntelliVueIds.FRAME_MESSAGE_TYPE) {
            discard(String.format("unknown message type 0x%02X", messageType));
        } else if (declared + OVERHEAD > maxFrameLength) {
            discard("declared user data of " + declared + " bytes exceeds the maximum frame of " + maxFrameLength);
        }
    }

    private void discard(String reason) {
        state = State.DISCARD;
        discardReason = reason;
        discarded = length;
        length = 0;
    }

    private int declaredLength() {
        return ((buffer[2] & 0xFF) << 8) | (buffer[3] & 0xFF);
    }

    private void complete(FrameSink sink) {
        if (length < OVERHEAD) {
            sink.error(frameStart, "frame too short: " + length + " bytes");
            return;
        }
        if (Fcs.update(Fcs.INITIAL, buffer, 0, length) != Fcs.GOOD_RESIDUE) {
            int received = (buffer[length - 2] & 0xFF) | (buffer[length - 1] & 0xFF) << 8;
            sink.error(frameStart, String.format("FCS mismatch: received 0x%04X, computed 0x%04X", received,
                    Fcs.compute(buffer, 0, length - FCS_LENGTH)));
            return;
        }
        int declared = declaredLength();
        if (declared != length - OVERHEAD) {
            sink.error(frameStart, "header says " + declared + " bytes of user data, frame carries " + (length - OVERHEAD));
            return;
        }
        sink.frame(frameStart, Arrays.copyOfRange(buffer, HEADER_LENGTH, length - FCS_LENGTH));
    }
}
