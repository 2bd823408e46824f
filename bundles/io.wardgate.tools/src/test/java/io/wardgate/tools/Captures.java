package io.wardgate.tools;

import io.wardgate.driver.nonin.sim.NoninOximeter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** Raw captures of the device side of a line, recorded from the simulators. */
final class Captures {
    static final Instant T0 = Instant.parse("2026-01-01T08:00:00Z");

    private final NoninOximeter device;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private Instant now = T0;

    /** A Nonin oximeter that the host has just asked for {@code format}: the capture starts with its ACK. */
    static Captures nonin(int format, long seed) {
        Captures captures = new Captures(new NoninOximeter(seed));
        captures.device.fromHost(new byte[] {0x02, 0x70, 0x02, 0x02, (byte) format, 0x03}, T0,
                captures.line::writeBytes);
        return captures;
    }

    private Captures(NoninOximeter device) {
        this.device = device;
    }

    Captures run(NoninOximeter.Mode mode, Duration duration) {
        device.setMode(mode);
        Instant end = now.plus(duration);
        while (now.isBefore(end)) {
            now = now.plusMillis(10);
            device.tick(now, line::writeBytes);
        }
        return this;
    }

    Captures append(byte[] bytes) {
        line.writeBytes(bytes);
        return this;
    }

    int size() {
        return line.size();
    }

    byte[] bytes() {
        return line.toByteArray();
    }

    Path writeTo(Path directory, String name) throws IOException {
        return Files.write(directory.resolve(name), bytes());
    }
}
