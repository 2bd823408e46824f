package io.wardgate.driver.masimo.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wardgate.api.Decimal;
import io.wardgate.api.Observation;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.driver.Decoded;
import io.wardgate.api.driver.SessionOutput;
import io.wardgate.driver.masimo.MasimoSession;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The simulator's bytes, read back by the gateway's real decoder. */
class MasimoRadicalTest {
    private static final Instant T0 = Instant.parse("2026-03-04T05:06:07Z");

    private final MasimoRadical device = new MasimoRadical("SIM0001", 42, Duration.ofSeconds(1), ZoneOffset.UTC);
    private final ByteArrayOutputStream wire = new ByteArrayOutputStream();

    /** Ticks every 10 ms from T0 for the given time. */
    private void run(Instant from, Duration length) {
        for (long ms = 0; ms < length.toMillis(); ms += 10) {
            device.tick(from.plusMillis(ms), bytes -> wire.writeBytes(bytes));
        }
    }

    private List<Decoded> decodeWire() {
        List<Decoded> items = new ArrayList<>();
        MasimoSession session = new MasimoSession(ZoneOffset.UTC);
        SessionOutput out = new SessionOutput() {
            @Override
            public void decoded(Decoded item) {
                items.add(item);
            }

            @Override
            public void send(byte[] bytes) {
                throw new AssertionError("the Masimo session never sends");
            }
        };
        session.start(T0, out);
        byte[] bytes = wire.toByteArray();
        session.receive(bytes, 0, bytes.length, T0, out);
        return items;
    }

    private static List<Observation> observations(List<Decoded> items) {
        return items.stream().filter(Decoded.ReadingDecoded.class::isInstance)
                .map(i -> (Observation) ((Decoded.ReadingDecoded) i).reading()).toList();
    }

    @Test
    void sendsOneLinePerIntervalThatTheDecoderReadsCompletely() {
        run(T0, Duration.ofMillis(4_990));
        String text = wire.toString(StandardCharsets.US_ASCII);
        assertThat(text.split("\r\n", -1)).hasSize(6).endsWith("");
        assertThat(text).startsWith("03/04/26 05:06:07 SN=SIM0001 SPO2=");

        List<Decoded> items = decodeWire();
        assertThat(items).noneMatch(Decoded.FramingError.class::isInstance);
        assertThat(items).filteredOn(Decoded.IdentityDecoded.class::isInstance).singleElement()
                .isEqualTo(new Decoded.IdentityDecoded(0, "", "SIM0001", ""));
        assertThat(observations(items)).hasSize(5 * 8).allSatisfy(o -> {
            assertThat(o.value()).isNotNull();
            assertThat(o.deviceTime()).isBetween(T0, T0.plusSeconds(4));
        });
    }

    @Test
    void vitalsVaryBelievably() {
        run(T0, Duration.ofSeconds(120));
        List<Observation> observations = observations(decodeWire());
        Set<Decimal> spo2 = new HashSet<>();
        Set<Decimal> pulse = new HashSet<>();
        for (Observation o : observations) {
            switch (o.metric().referenceId()) {
                case "MDC_PULS_OXIM_SAT_O2" -> spo2.add(o.value());
                case "MDC_PULS_OXIM_PULS_RATE" -> pulse.add(o.value());
                case "MDC_PULS_OXIM_PERF_REL" -> assertThat(o.value().exponent()).isEqualTo(-2);
                default -> { }
            }
        }
        assertThat(spo2).hasSizeGreaterThan(2).allSatisfy(v -> assertThat(v.toDouble()).isBetween(88.0, 100.0));
        assertThat(pulse).hasSizeGreaterThan(5).allSatisfy(v -> assertThat(v.toDouble()).isBetween(45.0, 135.0));
    }

    @Test
    void sensorOffSendsDashesThatBecomeUnavailableStatuses() {
        device.mode(MasimoRadical.Mode.SENSOR_OFF);
        run(T0, Duration.ofMillis(1_500));
        List<Observation> observations = observations(decodeWire());
        assertThat(observations).hasSize(2 * 8).allSatisfy(o -> {
            assertThat(o.value()).isNull();
            assertThat(o.status()).containsExactlyInAnyOrder(StatusFlag.UNAVAILABLE, StatusFlag.SENSOR_PROBLEM);
        });
    }

    @Test
    void silentSendsNothingAndNormalResumes() {
        device.mode(MasimoRadical.Mode.SILENT);
        run(T0, Duration.ofSeconds(3));
        assertThat(wire.size()).isZero();
        device.mode(MasimoRadical.Mode.NORMAL);
        run(T0.plusSeconds(3), Duration.ofMillis(1_500));
        assertThat(observations(decodeWire())).hasSize(2 * 8);
    }

    @Test
    void garbageFloodsTheLineWithBytesThatDecodeToNothing() {
        device.mode(MasimoRadical.Mode.GARBAGE);
        run(T0, Duration.ofMillis(100));
        assertThat(wire.size()).isEqualTo(10 * 4096);
        List<Decoded> items = decodeWire();
        assertThat(observations(items)).isEmpty();
        assertThat(items).isNotEmpty().allMatch(Decoded.FramingError.class::isInstance);
    }

    @Test
    void ignoresTheHost() {
        device.fromHost(new byte[] {1, 2, 3}, T0, bytes -> wire.writeBytes(bytes));
        assertThat(wire.size()).isZero();
    }

    @Test
    void checksItsSettings() {
        assertThatThrownBy(() -> new MasimoRadical("bad serial!", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MasimoRadical("S1", 1, Duration.ofMillis(1), ZoneOffset.UTC))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
