package io.wardgate.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The guard follows MQTT framing (MQTT 5.0 section 2.1.4, Remaining Length as a Variable Byte Integer). */
class PacketSizeGuardTest {

    @Test
    void packetsWithinTheBoundPassUnchangedWhateverTheReadSizes() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(new byte[] {0x20, 0x03, 0x00, 0x00, 0x00}); // CONNACK
        wire.writeBytes(packet(0x30, 200)); // PUBLISH, 2-byte length
        wire.writeBytes(new byte[] {(byte) 0xD0, 0x00}); // PINGRESP
        wire.writeBytes(packet(0x30, 1000 - 3)); // exactly the bound
        byte[] bytes = wire.toByteArray();
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 50; round++) {
            InputStream guard = new PacketSizeGuard(new ByteArrayInputStream(bytes), 1000);
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            byte[] buffer = new byte[64];
            while (true) {
                int n = random.nextBoolean() ? guard.read(buffer, 0, 1 + random.nextInt(buffer.length)) : single(guard, buffer);
                if (n < 0) {
                    break;
                }
                read.write(buffer, 0, n);
            }
            assertThat(read.toByteArray()).isEqualTo(bytes);
        }
    }

    @Test
    void aDeclaredLengthOverTheBoundFailsBeforeTheLengthIsReturned() throws IOException {
        byte[] wire = {(byte) 0xD0, 0x00, 0x30, (byte) 0xE9, 0x07, 0x00}; // PINGRESP, then a PUBLISH: remaining length 1001, 1004 bytes in all
        InputStream guard = new PacketSizeGuard(new ByteArrayInputStream(wire), 1000);
        assertThat(guard.read()).isEqualTo(0xD0);
        assertThat(guard.read()).isEqualTo(0x00);
        assertThat(guard.read()).isEqualTo(0x30);
        assertThat(guard.read()).isEqualTo(0xE9);
        assertThatThrownBy(guard::read).hasMessageContaining("1004 bytes").hasMessageContaining("maximum of 1000");

        InputStream bulk = new PacketSizeGuard(new ByteArrayInputStream(wire), 1000);
        byte[] buffer = new byte[16];
        assertThatThrownBy(() -> bulk.read(buffer, 0, 16)).hasMessageContaining("exceeds");
    }

    @Test
    void aRemainingLengthOfMoreThanFourBytesIsMalformed() {
        byte[] wire = {0x30, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01};
        InputStream guard = new PacketSizeGuard(new ByteArrayInputStream(wire), Long.MAX_VALUE);
        assertThatThrownBy(() -> guard.readAllBytes()).hasMessageContaining("malformed");
    }

    private static int single(InputStream in, byte[] buffer) throws IOException {
        int b = in.read();
        if (b < 0) {
            return -1;
        }
        buffer[0] = (byte) b;
        return 1;
    }

    private static byte[] packet(int type, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(type);
        int value = length;
        do {
            int digit = value % 128;
            value /= 128;
            out.write(value > 0 ? digit | 0x80 : digit);
        } while (value > 0);
        out.writeBytes(new byte[length]);
        return out.toByteArray();
    }
}
