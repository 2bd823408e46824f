package io.wardgate.driver.datex;

import io.wardgate.api.StatusFlag;
import io.wardgate.api.WaveformSegment;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Waveform subrecords (DRI specification 8005313, 5.2): {@code act_len i16, status u16, label u16}, then
 * act_len signed 16-bit samples. Samples at or below -32000 are control codes: they split the subrecord,
 * and each run of real samples becomes one segment, timed back from the moment the record arrived (the
 * last sample) at the wave's fixed rate. Subrecord types the driver did not request are skipped.
 */
final class WaveDecoder {
    static final int WAVE_HEADER = 6;

    private WaveDecoder() {
    }

    record Result(List<WaveformSegment> segments, List<String> problems) {
    }

    static Result decode(DatexRecord record, Instant receivedAt, Set<StatusFlag> extra) {
        List<WaveformSegment> segments = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (DatexRecord.Subrecord subrecord : record.subrecords()) {
            DatexWave wave = DatexWave.byType(subrecord.type()).orElse(null);
            if (wave == null) {
                continue;
            }
            ByteBuffer data = subrecord.data();
            if (data.remaining() < WAVE_HEADER) {
                problems.add("waveform subrecord " + subrecord.type() + " shorter than its header");
                continue;
            }
            int count = data.getShort(0);
            if (count < 0 || WAVE_HEADER + 2 * count > data.remaining()) {
                problems.add("waveform subrecord " + subrecord.type() + " says " + count + " samples in "
                        + (data.remaining() - WAVE_HEADER) + " bytes");
                continue;
            }
            Set<StatusFlag> status = EnumSet.noneOf(StatusFlag.class);
            status.addAll(extra);
            if ((data.getShort(2) & DatexWave.STATUS_LEAD_OFF) != 0) {
                status.add(StatusFlag.SENSOR_PROBLEM);
            }
            Duration period = wave.samplePeriod();
            Instant first = receivedAt.minus(period.multipliedBy(Math.max(0, count - 1)));
            int runStart = -1;
            for (int i = 0; i <= count; i++) {
                boolean real = i < count && data.getShort(WAVE_HEADER + 2 * i) > DatexWave.CONTROL_LIMIT;
                if (real && runStart < 0) {
                    runStart = i;
                } else if (!real && runStart >= 0) {
                    int[] samples = new int[i - runStart];
                    for (int j = 0; j < samples.length; j++) {
                        samples[j] = data.getShort(WAVE_HEADER + 2 * (runStart + j));
                    }
                    segments.add(new WaveformSegment(wave.metric(), wave.unit(), period,
                            first.plus(period.multipliedBy(runStart)), samples, wave.scale(), status, receivedAt));
                    runStart = -1;
                }
            }
        }
        return new Result(List.copyOf(segments), List.copyOf(problems));
    }
}
