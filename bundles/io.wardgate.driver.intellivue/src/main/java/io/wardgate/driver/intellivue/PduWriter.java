package io.wardgate.driver.intellivue;

import java.util.Arrays;

/**
 * Big-endian PDU building with length fields filled in afterwards: {@link #openLength()} reserves a
 * u16, {@link #closeLength(int)} writes the number of bytes written since. Public for the simulator,
 * which encodes the monitor's side of the same PDUs.
 */
public final class PduWriter {
    private byte[] bytes = new byte[64];
    private int size;

    public PduWriter u8(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
        return this;
    }

    public PduWriter u16(int value) {
        return u8(value >>> 8).u8(value);
    }

    public PduWriter u32(long value) {
        return u16((int) (value >>> 16)).u16((int) value);
    }

    public PduWriter bytes(byte[] values) {
        ensure(values.length);
        System.arraycopy(values, 0, bytes, size, values.length);
        size += values.length;
        return this;
    }

    /** Reserves a u16 length field; returns its position for {@link #closeLength(int)}. */
    public int openLength() {
        int mark = size;
        u16(0);
        return mark;
    }

    /** Fills the length field at {@code mark} with the number of bytes written after it. */
    public PduWriter closeLength(int mark) {
        int length = size - mark - 2;
        if (length > 0xFFFF) {
            throw new IllegalStateException("length " + length + " does not fit a u16");
        }
        bytes[mark] = (byte) (length >>> 8);
        bytes[mark + 1] = (byte) length;
        return this;
    }

    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
