package io.wardgate.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ObservationTest {
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    @Test
    void aClinicalValue() {
        Observation hr = Observation.of(VitalSign.HEART_RATE, Decimal.ofInteger(60), Set.of(StatusFlag.IN_ALARM), NOW);
        assertThat(hr.valueIfPresent()).contains(Decimal.ofInteger(60));
        assertThat(hr.status()).containsExactly(StatusFlag.IN_ALARM);
        assertThat(hr.deviceTimeIfKnown()).isEmpty();
    }

    @Test
    void statusesThatMeanNoValueAreNeverNumbers() {
        // nomenclature.md: invalid, unavailable, demo, test, calibration are statuses, never numbers.
        for (StatusFlag flag : EnumSet.of(StatusFlag.INVALID, StatusFlag.UNAVAILABLE, StatusFlag.DEMO,
                StatusFlag.TEST, StatusFlag.CALIBRATING)) {
            assertThatThrownBy(() -> Observation.of(VitalSign.SPO2, Decimal.ofInteger(98), Set.of(flag), NOW))
                    .hasMessageContaining("not a clinical value");
            Observation absent = Observation.absent(VitalSign.SPO2.metric(), Unit.PERCENT, Set.of(flag), NOW);
            assertThat(absent.valueIfPresent()).isEmpty();
        }
        assertThatThrownBy(() -> Observation.absent(VitalSign.SPO2.metric(), Unit.PERCENT, Set.of(), NOW))
                .hasMessageContaining("needs a status");
    }

    @Test
    void statusIsAnImmutableCopy() {
        Set<StatusFlag> flags = new HashSet<>(Set.of(StatusFlag.QUESTIONABLE));
        Observation hr = Observation.of(VitalSign.HEART_RATE, Decimal.ofInteger(60), flags, NOW);
        flags.add(StatusFlag.INVALID);
        assertThat(hr.status()).containsExactly(StatusFlag.QUESTIONABLE);
        assertThatThrownBy(() -> hr.status().add(StatusFlag.DEMO)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void waveformSamplesAreCopiedAndBounded() {
        int[] samples = {1, 2, 3};
        WaveformSegment wave = new WaveformSegment(Metric.mdc(131330, "MDC_ECG_ELEC_POTL_II"), Unit.MILLIVOLT,
                Duration.ofMillis(2), NOW, samples, WaveScale.IDENTITY, Set.of(), NOW);
        samples[0] = 99;
        assertThat(wave.samples()).containsExactly(1, 2, 3);
        assertThat(wave).isEqualTo(new WaveformSegment(wave.metric(), wave.unit(), wave.samplePeriod(), NOW,
                new int[] {1, 2, 3}, WaveScale.IDENTITY, Set.of(), NOW));
        assertThatThrownBy(() -> new WaveformSegment(wave.metric(), wave.unit(), Duration.ZERO, NOW, samples,
                WaveScale.IDENTITY, Set.of(), NOW)).hasMessageContaining("sample period");
        assertThatThrownBy(() -> new WaveformSegment(wave.metric(), wave.unit(), Duration.ofMillis(2), NOW,
                new int[WaveformSegment.MAX_SAMPLES + 1], WaveScale.IDENTITY, Set.of(), NOW))
                .hasMessageContaining("samples");
    }

    @Test
    void waveScaleMapsLinearly() {
        // nomenclature.md, IHE PCD-01: OBX-6 a scale such as 10.mV/4096.
        WaveScale scale = new WaveScale(0, 4096, Decimal.ofInteger(0), Decimal.ofInteger(10));
        assertThat(scale.physical(2048)).isEqualByComparingTo("5");
        assertThat(scale.physical(0)).isEqualByComparingTo("0");
    }
}
