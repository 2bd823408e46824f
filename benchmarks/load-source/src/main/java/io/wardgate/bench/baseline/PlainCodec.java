package io.wardgate.bench.baseline;

import io.wardgate.api.DeviceReadings;
import io.wardgate.api.Observation;
import io.wardgate.api.Reading;
import io.wardgate.api.WaveformSegment;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The baseline's payload: the same content a sealed batch carries (device, location, each reading's
 * metric, unit code, value or samples, times), written plainly with DataOutputStream. The harness
 * reads it back (benchmarks/e2e PlainPayload). Layout: "WGB1", device id, location, reading count,
 * then per reading: kind (0 numeric, 1 wave), MDC code, unit code, receivedAt (epoch micros), and a
 * numeric's mantissa/exponent (or a missing-value marker) or a wave's period (ns), start (epoch
 * micros) and samples.
 */
final class PlainCodec {
    private PlainCodec() {
    }

    static byte[] encode(DeviceReadings batch) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0x57474231);
            out.writeUTF(batch.device().id());
            out.writeUTF(batch.location().toString());
            out.writeInt(batch.readings().size());
            for (Reading reading : batch.readings()) {
                out.writeByte(reading instanceof WaveformSegment ? 1 : 0);
                out.writeInt(reading.metric().mdcCode());
                out.writeInt(reading.unit().mdcCode());
                out.writeLong(micros(reading.receivedAt()));
                if (reading instanceof Observation numeric) {
                    out.writeBoolean(numeric.value() != null);
                    if (numeric.value() != null) {
                        out.writeLong(numeric.value().mantissa());
                        out.writeInt(numeric.value().exponent());
                    }
                } else if (reading instanceof WaveformSegment wave) {
                    out.writeLong(wave.samplePeriod().toNanos());
                    out.writeLong(micros(wave.start()));
                    out.writeInt(wave.sampleCount());
                    for (int i = 0; i < wave.sampleCount(); i++) {
                        out.writeInt(wave.sample(i));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static long micros(Instant at) {
        return at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
    }
}
