package io.wardgate.driver.datex;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One Datex-Ohmeda record, its 40-byte header checked (DRI specification 8005313, 2.2.1): {@code r_len}
 * equal to the record's length, a known main type, and subrecord offsets that rise inside the data area.
 * On a line whose only check is an 8-bit sum, these structural checks are what keeps line noise from
 * passing as a record.
 *
 * @param level the DRI level the monitor supports (r_dri_level)
 * @param time when the monitor sent the record (r_time), or null for 0
 * @param mainType r_maintype
 * @param subrecords the subrecords in order, each a read-only little-endian view of its bytes
 */
public record DatexRecord(int level, Instant time, int mainType, List<Subrecord> subrecords) {
    public static final int HEADER = 40;
    public static final int MAIN_PHDB = 0;
    public static final int MAIN_WAVE = 1;
    public static final int MAIN_ALARM = 4;
    public static final int END_OF_LIST = 0xFF;
    public static final int DESCRIPTORS = 8;

    /** One subrecord: its type and bytes. */
    public record Subrecord(int type, ByteBuffer data) {
    }

    /** Thrown by {@link #parse} only; the session turns it into a framing error. */
    public static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    public static DatexRecord parse(byte[] record) throws Malformed {
        if (record.length < HEADER) {
            throw new Malformed("record of " + record.length + " bytes shorter than its 40-byte header");
        }
        ByteBuffer in = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN);
        int declared = in.getShort(0);
        if (declared != record.length) {
            throw new Malformed("r_len says " + declared + " bytes, the frame holds " + record.length);
        }
        int level = in.get(3) & 0xFF;
        long seconds = in.getInt(6) & 0xFFFF_FFFFL;
        int mainType = in.getShort(14);
        if (mainType != MAIN_PHDB && mainType != MAIN_WAVE && mainType != MAIN_ALARM) {
            throw new Malformed("unknown record main type " + mainType);
        }
        int dataLength = record.length - HEADER;
        List<int[]> found = new ArrayList<>();
        for (int i = 0; i < DESCRIPTORS; i++) {
            int offset = in.getShort(16 + 3 * i);
            int type = in.get(18 + 3 * i) & 0xFF;
            if (type == END_OF_LIST) {
                break;
            }
            int previous = found.isEmpty() ? -1 : found.get(found.size() - 1)[0];
            if (offset < 0 || offset >= dataLength || offset <= previous || (found.isEmpty() && offset != 0)) {
                throw new Malformed("subrecord " + i + " offset " + offset + " outside the " + dataLength
                        + "-byte data area or out of order");
            }
            found.add(new int[] {offset, type});
        }
        List<Subrecord> subrecords = new ArrayList<>(found.size());
        for (int i = 0; i < found.size(); i++) {
            int start = HEADER + found.get(i)[0];
            int end = i + 1 < found.size() ? HEADER + found.get(i + 1)[0] : record.length;
            ByteBuffer slice = ByteBuffer.wrap(record, start, end - start).slice().order(ByteOrder.LITTLE_ENDIAN)
                    .asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
            subrecords.add(new Subrecord(found.get(i)[1], slice));
        }
        return new DatexRecord(level, seconds == 0 ? null : Instant.ofEpochSecond(seconds), mainType,
                List.copyOf(subrecords));
    }
}
