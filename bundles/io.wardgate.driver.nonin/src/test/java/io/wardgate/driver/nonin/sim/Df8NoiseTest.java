package io.wardgate.driver.nonin.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.Observation;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.VitalSign;
import io.wardgate.api.driver.Decoded;
import io.wardgate.api.sim.SimulatedDevice;
import io.wardgate.sim.Discovered;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue #17 item 4: line noise never becomes a reading. The simulator's real DF8 frames (one a
 * second) with seeded bursts of random bytes between them, at random moments: no reading without
 * QUESTIONABLE may carry a value that was not sent at its offset, and most real frames still arrive
 * clean. Five seeds, 10 minutes each.
 */
class Df8NoiseTest {

    /** The simulator, plus noise bursts of 1 to 40 random bytes, on average one every ten seconds. */
    private static final class NoisyLine implements SimulatedDevice {
        private final NoninOximeter device = new NoninOximeter(42);
        private final Random noise;
        /** Stream offset of each real frame's first byte, to the frame. */
        final Map<Long, byte[]> sent = new HashMap<>();
        long position;
        int bursts;


        NoisyLine(long seed) {
            noise = new Random(seed);
        }

        @Override
        public void fromHost(byte[] bytes, Instant now, Consumer<byte[]> wire) {
            device.fromHost(bytes, now, b -> pass(b, wire, false));
        }

        @Override
        public void tick(Instant now, Consumer<byte[]> wire) {
            device.tick(now, b -> pass(b, wire, true));
            if (noise.nextInt(1000) == 0) {
                byte[] burst = new byte[1 + noise.nextInt(40)];
                noise.nextBytes(burst);
                bursts++;
                pass(burst, wire, false);
            }
        }

        private void pass(byte[] bytes, Consumer<byte[]> wire, boolean frame) {
            if (frame && bytes.length == 4) {
                sent.put(position, bytes.clone());
            }
            position += bytes.length;
            wire.accept(bytes);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 17, 2026})
    void noCleanReadingThatWasNotSent(long seed) {
        NoisyLine line = new NoisyLine(seed);
        InMemoryLink link = new InMemoryLink(Discovered.serialDriver("nonin-df8").orElseThrow().openSession(), line);
        link.run(Duration.ofMinutes(10));

        assertThat(line.bursts).isGreaterThan(40);
        int clean = 0;
        for (Decoded item : link.decoded) {
            if (item instanceof Decoded.ReadingDecoded r && r.reading() instanceof Observation o
                    && !o.status().contains(StatusFlag.QUESTIONABLE)) {
                byte[] frame = line.sent.get(r.offset());
                assertThat(frame).as("clean reading at offset %d was never sent: %s", r.offset(), o).isNotNull();
                int value = o.metric().equals(VitalSign.SPO2.metric()) ? frame[2]
                        : (frame[0] & 0x03) << 7 | frame[1] & 0x7F;
                if (o.value() != null) {
                    assertThat(o.value().toDouble()).as("value at offset %d", r.offset()).isEqualTo(value);
                }
                clean++;
            }
        }
        // Two readings a frame: most of the 600 frames still arrive clean (a burst spoils the frames next to it).
        assertThat(clean).isGreaterThan(2 * line.sent.size() * 6 / 10);
        List<Observation> questionable = link.observations(VitalSign.SPO2).stream()
                .filter(o -> o.status().contains(StatusFlag.QUESTIONABLE)).toList();
        assertThat(questionable).isNotEmpty();
    }
}
