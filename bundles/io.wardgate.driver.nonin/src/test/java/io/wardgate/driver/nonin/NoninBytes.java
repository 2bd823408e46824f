package io.wardgate.driver.nonin;

import io.wardgate.api.Observation;
import io.wardgate.api.driver.Decoded;
import io.wardgate.sim.RecordingOutput;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.List;

/**
 * Builds Nonin frames for tests straight from the 9560 specification's tables, independently of the
 * production decoders.
 */
final class NoninBytes {
    private NoninBytes() {
    }

    static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    /** The decoded items without their reading times, for comparing runs fed differently. */
    static List<String> summary(RecordingOutput out) {
        return out.items().stream().map(d -> d instanceof Decoded.ReadingDecoded r
                ? d.offset() + " " + (r.reading() instanceof Observation o
                        ? o.metric().referenceId() + "=" + o.value() + o.status()
                        : r.reading().toString().replaceAll(" from .*,", ","))
                : d.toString()).toList();
    }

    /** DF8: STATUS (bit 7, flags, HR bits 8-7), HR bits 6-0, SpO2, STATUS2. */
    static byte[] df8(int flags, int pulseRate, int spo2, int status2) {
        return new byte[] {(byte) (0x80 | flags | pulseRate >> 7 & 0x03), (byte) (pulseRate & 0x7F), (byte) spo2,
                (byte) status2};
    }

    static byte[] df7Frame(int status, int pleth, int floatByte) {
        int msb = pleth >> 8 & 0xFF;
        int lsb = pleth & 0xFF;
        int chk = (status + msb + lsb + floatByte) & 0xFF;
        return new byte[] {(byte) status, (byte) msb, (byte) lsb, (byte) floatByte, (byte) chk};
    }

    /**
     * A DF7 packet of 25 frames: {@code status} on every frame (SYNC added to the first), pleth
     * samples {@code plethStart + i}, FLOAT bytes HR MSB, HR LSB, SpO2, then STATUS2 in frame 8.
     */
    static byte[] df7Packet(int status, int plethStart, int pulseRate, int spo2, int status2) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 25; i++) {
            int floatByte = switch (i) {
                case 0 -> pulseRate >> 7 & 0x03;
                case 1 -> pulseRate & 0x7F;
                case 2 -> spo2;
                case 7 -> status2;
                default -> 0;
            };
            out.writeBytes(df7Frame(0x80 | status | (i == 0 ? 0x01 : 0), plethStart + i, floatByte));
        }
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
