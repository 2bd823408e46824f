package io.wardgate.driver.datex.sim;

import io.wardgate.driver.datex.DatexRecord;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The records a monitor sends, laid out as the DRI specification (8005313) says: the 40-byte header with
 * its subrecord descriptors, the 278-byte physiological subrecord with its basic class, waveform
 * subrecords and the alarm status message.
 */
public final class MonitorRecords {
    public static final int DATA_INVALID = -32767;
    static final int PHDB_SUBRECORD = 278;
    static final int ALARM_SUBRECORD = 510;

    /** One alarm box: its text and colour (1 white, 2 yellow, 3 red). */
    public record AlarmBox(String text, int color) {
    }

    /** One waveform subrecord: its type and samples. */
    public record Wave(int type, short[] samples) {
    }

    private MonitorRecords() {
    }

    /** A physiological record holding one basic-class subrecord of {@code type} (1 displayed, 2 10 s trend). */
    static byte[] physiological(int level, Instant now, int type, Physiology.Vitals v) {
        ByteBuffer sub = ByteBuffer.allocate(PHDB_SUBRECORD).order(ByteOrder.LITTLE_ENDIAN);
        sub.putInt(0, (int) now.getEpochSecond());
        int base = 4;
        group(sub, base, 0x3, 0x0200, v.heartRate(), 0, 0, 0, 14);
        group(sub, base + 16, 0x3, 1, v.artSys(), v.artDia(), v.artMean(), v.heartRate());
        for (int p = 1; p < 4; p++) {
            group(sub, base + 16 + 14 * p, 0, 0, DATA_INVALID, DATA_INVALID, DATA_INVALID, DATA_INVALID);
        }
        group(sub, base + 72, 0x3, 0x0008, v.nibpSys(), v.nibpDia(), v.nibpMean(), v.heartRate());
        group(sub, base + 86, 0x3, 11, v.temperature());
        for (int t = 1; t < 4; t++) {
            group(sub, base + 86 + 8 * t, 0, 0, DATA_INVALID);
        }
        group(sub, base + 118, 0x3, 0, v.spo2(), v.pulseRate(), 250, DATA_INVALID);
        group(sub, base + 132, 0x3, 0x09, v.etco2(), v.fico2(), v.respRate(), v.ambient());
        sub.putShort(276, (short) 0);
        return record(level, now, DatexRecord.MAIN_PHDB, List.of(new Sub(type, sub.array())));
    }

    /** A waveform record with the given subrecords. */
    public static byte[] waveforms(int level, Instant now, List<Wave> waves) {
        List<Sub> subs = waves.stream().map(w -> {
            ByteBuffer sub = ByteBuffer.allocate(6 + 2 * w.samples().length).order(ByteOrder.LITTLE_ENDIAN);
            sub.putShort((short) w.samples().length).putShort((short) 0).putShort((short) 0);
            for (short s : w.samples()) {
                sub.putShort(s);
            }
            return new Sub(w.type(), sub.array());
        }).toList();
        return record(level, now, DatexRecord.MAIN_WAVE, subs);
    }

    /** An alarm status record (subrecord type 1, DRI_AL_STATUS). */
    public static byte[] alarms(int level, Instant now, int silenceInfo, List<AlarmBox> boxes) {
        ByteBuffer sub = ByteBuffer.allocate(ALARM_SUBRECORD).order(ByteOrder.LITTLE_ENDIAN);
        sub.putShort(2, (short) 1);
        sub.putShort(8, (short) silenceInfo);
        for (int i = 0; i < Math.min(5, boxes.size()); i++) {
            int at = 10 + 98 * i;
            byte[] text = boxes.get(i).text().getBytes(StandardCharsets.US_ASCII);
            sub.put(at, text, 0, Math.min(79, text.length));
            sub.putShort(at + 80, (short) 1);
            sub.putShort(at + 82, (short) boxes.get(i).color());
        }
        return record(level, now, DatexRecord.MAIN_ALARM, List.of(new Sub(1, sub.array())));
    }

    private record Sub(int type, byte[] bytes) {
    }

    private static void group(ByteBuffer sub, int at, int status, int label, int... values) {
        sub.putInt(at, status);
        sub.putShort(at + 4, (short) label);
        for (int i = 0; i < values.length; i++) {
            sub.putShort(at + 6 + 2 * i, (short) values[i]);
        }
    }

    private static byte[] record(int level, Instant now, int mainType, List<Sub> subs) {
        int length = DatexRecord.HEADER + subs.stream().mapToInt(s -> s.bytes().length).sum();
        ByteBuffer out = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        out.putShort(0, (short) length);
        out.put(3, (byte) level);
        out.putInt(6, (int) now.getEpochSecond());
        out.putShort(14, (short) mainType);
        int offset = 0;
        for (int i = 0; i < DatexRecord.DESCRIPTORS; i++) {
            if (i < subs.size()) {
                out.putShort(16 + 3 * i, (short) offset);
                out.put(18 + 3 * i, (byte) subs.get(i).type());
                out.put(DatexRecord.HEADER + offset, subs.get(i).bytes());
                offset += subs.get(i).bytes().length;
            } else {
                out.put(18 + 3 * i, (byte) DatexRecord.END_OF_LIST);
                break;
            }
        }
        return out.array();
    }
}
