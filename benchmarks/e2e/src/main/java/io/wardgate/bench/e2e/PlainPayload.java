package io.wardgate.bench.e2e;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;

/** Reads the baseline's plain payload (layout: io.wardgate.bench.baseline.PlainCodec). */
final class PlainPayload {
    private PlainPayload() {
    }

    static void read(byte[] payload, long arrivalMicros, Tally tally) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            if (in.readInt() != 0x57474231) {
                throw new IOException("not a baseline payload");
            }
            String device = in.readUTF();
            in.readUTF();
            int count = in.readInt();
            tally.envelope(device, -1, arrivalMicros);
            for (int i = 0; i < count; i++) {
                int kind = in.readByte();
                in.readInt();
                in.readInt();
                long receivedAt = in.readLong();
                long readings = 1;
                if (kind == 0) {
                    if (in.readBoolean()) {
                        in.readLong();
                        in.readInt();
                    }
                } else {
                    in.readLong();
                    in.readLong();
                    int samples = in.readInt();
                    in.skipNBytes(4L * samples);
                    readings = samples;
                }
                tally.reading(device, readings, receivedAt, arrivalMicros);
            }
        }
    }
}
