package io.wardgate.driver.datex;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The records the host sends (Computer Interface Specification M1017617, chapters 3 to 5 and Appendix
 * A): a physiological data transmission request, a waveform request and an alarm request, each one
 * subrecord of type 0 behind a 40-byte header whose reserved fields are zero.
 */
public final class DatexRequests {
    /** DRI levels to try, newest first (DRI specification, table 2-5: 2015 = 11 down to 2001 = 6). */
    public static final List<Integer> LEVELS = List.of(0x0B, 0x0A, 0x09, 0x08, 0x07, 0x06);
    public static final int DISPLAYED = 1;
    public static final int TREND_10S = 2;
    public static final int TREND_60S = 3;
    /** phdb_class_bf: the basic class is requested by not denying it (0). */
    public static final int CLASS_BASIC = 0;
    public static final int WAVE_START = 0;
    public static final int WAVE_STOP = 1;
    /** DRI_AL_ENTER_DIFFMODE: the current alarm status now, then each change. */
    public static final int ALARM_ENTER_DIFFMODE = 2;

    private DatexRequests() {
    }

    /** A physiological data request: subrecord type, interval in seconds (0 stops), class bits. */
    public static byte[] physiological(int level, int type, int intervalSeconds, int classBits) {
        ByteBuffer record = header(9, level, DatexRecord.MAIN_PHDB);
        record.put(DatexRecord.HEADER, (byte) type);
        record.putShort(DatexRecord.HEADER + 1, (short) intervalSeconds);
        record.putInt(DatexRecord.HEADER + 3, classBits);
        return record.array();
    }

    /** A waveform request for up to 8 waveform subrecord types (empty with {@link #WAVE_STOP}). */
    public static byte[] waveforms(int level, int requestType, List<Integer> types) {
        if (types.size() > 8) {
            throw new IllegalArgumentException("at most 8 waveforms in one request");
        }
        ByteBuffer record = header(32, level, DatexRecord.MAIN_WAVE);
        record.putShort(DatexRecord.HEADER, (short) requestType);
        for (int i = 0; i < 8; i++) {
            record.put(DatexRecord.HEADER + 4 + i, (byte) (i < types.size() ? types.get(i) : DatexRecord.END_OF_LIST));
            if (i >= types.size()) {
                break;
            }
        }
        return record.array();
    }

    /** An alarm request (al_tx_cmd: the command, then five reserved shorts). */
    public static byte[] alarms(int level, int command) {
        ByteBuffer record = header(12, level, DatexRecord.MAIN_ALARM);
        record.putShort(DatexRecord.HEADER, (short) command);
        return record.array();
    }

    private static ByteBuffer header(int subrecordLength, int level, int mainType) {
        int length = DatexRecord.HEADER + subrecordLength;
        ByteBuffer record = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        record.putShort(0, (short) length);
        record.put(3, (byte) level);
        record.putShort(14, (short) mainType);
        record.putShort(16, (short) 0);
        record.put(18, (byte) 0);
        record.put(21, (byte) DatexRecord.END_OF_LIST);
        return record;
    }
}
