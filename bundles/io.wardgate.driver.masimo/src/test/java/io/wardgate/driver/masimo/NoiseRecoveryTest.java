package io.wardgate.driver.masimo;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.Observation;
import io.wardgate.driver.masimo.sim.MasimoRadical;
import io.wardgate.sim.RecordingOutput;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue #17 item 4 on an ASCII line: the simulator's lines with seeded noise bursts (1 to 30 random
 * bytes, no line end) right before some of them. The good line that noise ran into is recovered from
 * its date (its start is unambiguous), and no reading is decoded that the simulator did not send.
 */
class NoiseRecoveryTest {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

    private record Sent(Instant deviceTime, int mdc, String value) {
        static Sent of(Observation o) {
            return new Sent(o.deviceTime(), o.metric().mdcCode(), String.valueOf(o.value()));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 5, 19})
    void theGoodLineAfterANoiseBurstIsRecoveredAndNothingUnsentAppears(long seed) {
        MasimoRadical device = new MasimoRadical("0123456789", seed, Duration.ofSeconds(1), ZoneOffset.UTC);
        Random noise = new Random(seed);
        MasimoSession session = new MasimoSession(ZoneOffset.UTC);
        RecordingOutput out = new RecordingOutput();
        session.start(T0, out);
        Set<Sent> sent = new HashSet<>();
        List<byte[]> lines = new ArrayList<>();
        int noisy = 0;
        for (int second = 1; second <= 300; second++) {
            Instant now = T0.plusSeconds(second);
            lines.clear();
            device.tick(now, lines::add);
            for (byte[] line : lines) {
                MasimoSession alone = new MasimoSession(ZoneOffset.UTC);
                RecordingOutput expected = new RecordingOutput();
                alone.start(now, expected);
                alone.receive(line, 0, line.length, now, expected);
                expected.observations().forEach(o -> sent.add(Sent.of(o)));
                if (noise.nextInt(3) == 0) {
                    byte[] burst = new byte[1 + noise.nextInt(30)];
                    noise.nextBytes(burst);
                    for (int i = 0; i < burst.length; i++) {
                        burst[i] = burst[i] == '\n' ? (byte) 0x00 : burst[i];
                    }
                    session.receive(burst, 0, burst.length, now, out);
                    noisy++;
                }
                session.receive(line, 0, line.length, now, out);
            }
        }

        assertThat(noisy).isGreaterThan(60);
        assertThat(out.observations()).allSatisfy(o -> assertThat(sent).as("never sent: %s", o).contains(Sent.of(o)));
        // Every line sent is decoded, those after a noise burst included.
        assertThat(out.observations().stream().map(Sent::of).distinct().count()).isEqualTo(sent.size());
    }
}
