package io.wardgate.driver.nonin;

import io.wardgate.api.StatusFlag;
import io.wardgate.api.driver.Decoded;
import io.wardgate.api.driver.SessionOutput;
import java.time.Instant;
import java.util.Set;

/**
 * Data format 8: four bytes once per second, {@code STATUS HR SpO2 STATUS2}. STATUS has bit 7 set
 * and carries pulse-rate bits 8 and 7; the other three bytes have bit 7 clear. There is no checksum,
 * so the value ranges are part of the frame check.
 */
final class Df8 implements FrameCheck, FrameDecoder {
    private final BatteryWatch battery = new BatteryWatch();

    @Override
    public String startProblem(int firstByte) {
        return (firstByte & 0x80) == 0 ? String.format("byte %02X cannot start a DF8 frame (bit 7 clear)", firstByte)
                : null;
    }

    @Override
    public String frameProblem(byte[] bytes, int start) {
        String problem = startProblem(bytes[start] & 0xFF);
        if (problem != null) {
            return problem;
        }
        for (int i = 1; i < 4; i++) {
            if ((bytes[start + i] & 0x80) != 0) {
                return String.format("DF8 byte %d is %02X (bit 7 set)", i + 1, bytes[start + i] & 0xFF);
            }
        }
        int pulseRate = NoninValues.pulseRate(bytes[start], bytes[start + 1]);
        if (pulseRate > NoninStatus.MAX_PULSE_RATE && pulseRate != NoninStatus.MISSING_PULSE_RATE) {
            return "DF8 pulse rate " + pulseRate + " is neither 0 to 321 nor the missing marker 511";
        }
        int spo2 = bytes[start + 2];
        if (spo2 > NoninStatus.MAX_SPO2 && spo2 != NoninStatus.MISSING_SPO2) {
            return "DF8 SpO2 " + spo2 + " is neither 0 to 100 nor the missing marker 127";
        }
        return null;
    }

    @Override
    public void frame(long offset, byte[] frame, Instant now, SessionOutput out) {
        int status = frame[0] & 0xFF;
        int status2 = frame[3] & 0xFF;
        Set<StatusFlag> flags = NoninStatus.df8(status, status2);
        out.decoded(new Decoded.ReadingDecoded(offset,
                NoninValues.pulseRate(NoninValues.pulseRate(status, frame[1]), flags, now)));
        out.decoded(new Decoded.ReadingDecoded(offset, NoninValues.spo2(frame[2] & 0x7F, flags, now)));
        battery.status2(status2, offset, now, out);
    }

    @Override
    public void flush(Instant now, SessionOutput out) {
        // Every DF8 frame is complete in itself.
    }

    @Override
    public void reset() {
        battery.reset();
    }
}
