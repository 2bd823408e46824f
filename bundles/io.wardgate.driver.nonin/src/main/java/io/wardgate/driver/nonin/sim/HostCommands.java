package io.wardgate.driver.nonin.sim;

import java.util.Arrays;

/**
 * Reads the host's commands, {@code STX op size data... ETX}, byte at a time (9560 specification:
 * data format select {@code 02 70 02 02 fmt 03}, set and get time). Anything else is skipped.
 */
final class HostCommands {
    static final int STX = 0x02;
    static final int ETX = 0x03;
    static final int MAX_SIZE = 16;

    /** One complete command. */
    record Command(int op, byte[] data) {
        Command {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        boolean isFormatSelect() {
            return op == 0x70 && data.length == 2 && data[0] == 0x02;
        }

        int format() {
            return data[1] & 0xFF;
        }
    }

    private enum State { IDLE, OP, SIZE, DATA, END }

    private State state = State.IDLE;
    private int op;
    private final byte[] data = new byte[MAX_SIZE];
    private int size;
    private int filled;

    /** Takes one byte; returns the command it completes, or null. */
    Command accept(byte b) {
        int value = b & 0xFF;
        switch (state) {
            case IDLE -> state = value == STX ? State.OP : State.IDLE;
            case OP -> {
                op = value;
                state = State.SIZE;
            }
            case SIZE -> {
                size = value;
                filled = 0;
                state = size > MAX_SIZE ? State.IDLE : size == 0 ? State.END : State.DATA;
            }
            case DATA -> {
                data[filled++] = b;
                if (filled == size) {
                    state = State.END;
                }
            }
            case END -> {
                state = State.IDLE;
                if (value == ETX) {
                    return new Command(op, Arrays.copyOf(data, size));
                }
            }
        }
        return null;
    }
}
