package io.wardgate.driver.nonin;

import io.wardgate.api.Metric;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.Unit;
import io.wardgate.api.WaveScale;
import io.wardgate.api.WaveformSegment;
import io.wardgate.api.driver.Decoded;
import io.wardgate.api.driver.SessionOutput;
import io.wardgate.api.nomenclature.Nomenclature;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;

/**
 * Data format 7: 5-byte frames {@code STATUS PLETH_MSB PLETH_LSB FLOAT CHK}, 75 per second, 25 to a
 * packet; the SYNC bit of STATUS marks a packet's first frame. CHK is the sum of the other four bytes
 * mod 256. The FLOAT byte means something different in each frame of the packet: pulse rate bits
 * 8-7 in frame 1 and bits 6-0 in frame 2, SpO2 in frame 3, STATUS2 in frame 8 (9560 specification).
 *
 * <p>A packet becomes, when it ends: one pleth segment of its samples (raw 16-bit values, 1/75 s
 * apart), the pulse rate and the SpO2 (4-beat averages), and a low-battery event on its onset.
 * Frames whose place in the packet is unknown (after a resynchronisation, until the next SYNC) give
 * pleth samples only.
 */
final class Df7 implements FrameCheck, FrameDecoder {
    static final int FRAMES_PER_PACKET = 25;
    /** 1/75 s, truncated to whole nanoseconds. */
    static final Duration SAMPLE_PERIOD = Duration.ofNanos(1_000_000_000L / 75);
    /** MDC_PULS_OXIM_PLETH: partition 2 (SCADA), term 19380 (0x4BB4, IntelliVue's NOM_PULS_OXIM_PLETH). */
    /** MDC_PULS_OXIM_PLETH, from the shared nomenclature table. */
    static final Metric PLETH = Nomenclature.standard().metricOf(150452);

    private static final int FRAME_HR_HIGH = 0;
    private static final int FRAME_HR_LOW = 1;
    private static final int FRAME_SPO2 = 2;
    private static final int FRAME_STATUS2 = 7;
    private static final int UNKNOWN = -1;

    private final int[] samples = new int[FRAMES_PER_PACKET];
    private final int[] floats = new int[FRAMES_PER_PACKET];
    private final long[] frameOffsets = new long[FRAMES_PER_PACKET];
    private final boolean[] seen = new boolean[FRAMES_PER_PACKET];
    private final EnumSet<StatusFlag> flags = EnumSet.noneOf(StatusFlag.class);
    private final BatteryWatch battery = new BatteryWatch();
    private int count;
    private long segmentOffset;
    /** Place in the packet of the next frame, {@value #FRAMES_PER_PACKET} after a full packet, or UNKNOWN. */
    private int position = UNKNOWN;

    @Override
    public String startProblem(int firstByte) {
        return (firstByte & 0x80) == 0 ? String.format("byte %02X cannot start a DF7 frame (bit 7 clear)", firstByte)
                : null;
    }

    @Override
    public String frameProblem(byte[] bytes, int start) {
        String problem = startProblem(bytes[start] & 0xFF);
        if (problem != null) {
            return problem;
        }
        int sum = 0;
        for (int i = 0; i < 4; i++) {
            sum += bytes[start + i] & 0xFF;
        }
        int checksum = bytes[start + 4] & 0xFF;
        if ((sum & 0xFF) != checksum) {
            return String.format("DF7 checksum mismatch (sum %02X, CHK %02X)", sum & 0xFF, checksum);
        }
        if ((bytes[start + 3] & 0x80) != 0) {
            return String.format("DF7 FLOAT byte %02X has bit 7 set", bytes[start + 3] & 0xFF);
        }
        return null;
    }

    @Override
    public void frame(long offset, byte[] frame, Instant now, SessionOutput out) {
        int status = frame[0] & 0xFF;
        if ((status & NoninStatus.DF7_SYNC) != 0) {
            int cutShortAt = count > 0 && position != UNKNOWN && position < FRAMES_PER_PACKET ? position : UNKNOWN;
            flush(now, out);
            if (cutShortAt != UNKNOWN) {
                out.decoded(new Decoded.FramingError(offset,
                        "DF7 packet cut short: SYNC after " + cutShortAt + " of 25 frames"));
            }
            position = 0;
        } else if (position == FRAMES_PER_PACKET) {
            out.decoded(new Decoded.FramingError(offset, "DF7 frame 26 of a packet: no SYNC after 25 frames"));
            position = UNKNOWN;
        }
        if (count == 0) {
            segmentOffset = offset;
        }
        samples[count++] = (frame[1] & 0xFF) << 8 | frame[2] & 0xFF;
        NoninStatus.addDf7(status, flags);
        if (position != UNKNOWN) {
            floats[position] = frame[3];
            frameOffsets[position] = offset;
            seen[position] = true;
            position++;
        }
        if (count == FRAMES_PER_PACKET) {
            flushPacket(now, out);
        }
    }

    @Override
    public void flush(Instant now, SessionOutput out) {
        flushPacket(now, out);
        position = UNKNOWN;
    }

    @Override
    public void reset() {
        clearPacket();
        battery.reset();
        position = UNKNOWN;
    }

    private void flushPacket(Instant now, SessionOutput out) {
        if (count == 0) {
            return;
        }
        Instant start = now.minus(SAMPLE_PERIOD.multipliedBy(count - 1L));
        int[] segment = Arrays.copyOf(samples, count);
        out.decoded(new Decoded.ReadingDecoded(segmentOffset, new WaveformSegment(PLETH, Unit.DIMENSIONLESS,
                SAMPLE_PERIOD, start, segment, WaveScale.IDENTITY, flags, now)));
        if (seen[FRAME_HR_HIGH] && seen[FRAME_HR_LOW]) {
            int pulseRate = NoninValues.pulseRate(floats[FRAME_HR_HIGH], floats[FRAME_HR_LOW]);
            out.decoded(new Decoded.ReadingDecoded(frameOffsets[FRAME_HR_HIGH],
                    NoninValues.pulseRate(pulseRate, flags, now)));
        }
        if (seen[FRAME_SPO2]) {
            out.decoded(new Decoded.ReadingDecoded(frameOffsets[FRAME_SPO2],
                    NoninValues.spo2(floats[FRAME_SPO2] & 0x7F, flags, now)));
        }
        if (seen[FRAME_STATUS2]) {
            battery.status2(floats[FRAME_STATUS2], frameOffsets[FRAME_STATUS2], now, out);
        }
        clearPacket();
    }

    private void clearPacket() {
        count = 0;
        flags.clear();
        Arrays.fill(seen, false);
    }
}
