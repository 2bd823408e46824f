package io.wardgate.driver.datex;

import io.wardgate.api.Decimal;
import io.wardgate.api.Metric;
import io.wardgate.api.Unit;
import io.wardgate.api.WaveScale;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The waveforms the driver requests, with their subrecord types, sample rates and units (DRI
 * specification 8005313, 5.2 and table 5-3). One ECG channel, the pleth, invasive pressure 1 and CO2 make
 * 525 samples/s, inside the 600 samples/s the 19200 bit/s interface carries (M1017617, "About the use of
 * the waveform requests"); the monitor would silently drop a wave that exceeds it.
 */
enum DatexWave {
    ECG1(1, 300, DatexMetrics.WAVE_ECG, DatexMetrics.MICROVOLT, 1),
    INVP1(4, 100, DatexMetrics.WAVE_PRESSURE, Unit.MMHG, 100),
    PLETH(8, 100, DatexMetrics.WAVE_PLETH, Unit.PERCENT, 100),
    CO2(9, 25, DatexMetrics.WAVE_CO2, Unit.PERCENT, 100);

    /** Samples at or below this are control codes, not data (5.2.1). */
    static final int CONTROL_LIMIT = -32000;
    static final int MAX_SAMPLES_PER_SECOND = 600;
    /** wf_hdr status bit 3: the ECG channel is off. */
    static final int STATUS_LEAD_OFF = 0x0008;

    private final int type;
    private final int samplesPerSecond;
    private final Metric metric;
    private final Unit unit;
    private final WaveScale scale;

    /** @param divisor raw units per physical unit (100 for 1/100 mmHg) */
    DatexWave(int type, int samplesPerSecond, Metric metric, Unit unit, int divisor) {
        this.type = type;
        this.samplesPerSecond = samplesPerSecond;
        this.metric = metric;
        this.unit = unit;
        this.scale = new WaveScale(0, divisor, Decimal.ofInteger(0), Decimal.ofInteger(1));
    }

    int type() {
        return type;
    }

    int samplesPerSecond() {
        return samplesPerSecond;
    }

    Duration samplePeriod() {
        return Duration.ofNanos(1_000_000_000L / samplesPerSecond);
    }

    Metric metric() {
        return metric;
    }

    Unit unit() {
        return unit;
    }

    WaveScale scale() {
        return scale;
    }

    static List<Integer> requestTypes() {
        return Arrays.stream(values()).map(DatexWave::type).toList();
    }

    static Optional<DatexWave> byType(int type) {
        for (DatexWave wave : values()) {
            if (wave.type == type) {
                return Optional.of(wave);
            }
        }
        return Optional.empty();
    }
}
