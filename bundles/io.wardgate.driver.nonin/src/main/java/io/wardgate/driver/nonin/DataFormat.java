package io.wardgate.driver.nonin;

/** The Nonin serial data formats WardGate decodes, with their frame sizes. */
enum DataFormat {
    /** 5-byte frames, 25 per packet, 75 frames/s: 16-bit pleth plus one FLOAT byte per frame. */
    DF7(7, 5),
    /** 4-byte frames once per second: display-formatted pulse rate and SpO2 with status. */
    DF8(8, 4);

    private final int code;
    private final int frameLength;

    DataFormat(int code, int frameLength) {
        this.code = code;
        this.frameLength = frameLength;
    }

    /** The number sent in the format select command. */
    int code() {
        return code;
    }

    int frameLength() {
        return frameLength;
    }
}
