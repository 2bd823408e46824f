package io.wardgate.bench.load;

import io.wardgate.api.Decimal;
import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.DeviceReadings;
import io.wardgate.api.Location;
import io.wardgate.api.Metric;
import io.wardgate.api.Observation;
import io.wardgate.api.Reading;
import io.wardgate.api.Transport;
import io.wardgate.api.Unit;
import io.wardgate.api.VitalSign;
import io.wardgate.api.WaveScale;
import io.wardgate.api.WaveformSegment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What one bedside device sends per tick: a few numerics and two waveforms (ECG II, four fifths of
 * the samples; pleth, one fifth), scaled to the configured rate. Fractions carry over between ticks
 * so the long-run rate is exact. A "reading" in every count is one numeric or one waveform sample.
 */
final class WardProfile {
    static final Metric ECG_II = Metric.mdc(131330, "MDC_ECG_ELEC_POTL_II");
    static final Metric PLETH = Metric.mdc(150452, "MDC_PULS_OXIM_PLETH");
    private static final VitalSign[] NUMERICS = {VitalSign.HEART_RATE, VitalSign.SPO2, VitalSign.PULSE_RATE,
        VitalSign.RESPIRATION_RATE};
    private static final long[] TYPICAL = {72, 97, 72, 16};
    private static final WaveScale MV = new WaveScale(0, 1000, Decimal.ofInteger(0), Decimal.of(1, 0));

    private final DeviceIdentity identity;
    private final Location location;
    private final double numericsPerTick;
    private final double ecgPerTick;
    private final double plethPerTick;
    private final Duration ecgPeriod;
    private final Duration plethPeriod;
    private double numericCarry;
    private double ecgCarry;
    private double plethCarry;
    private int numericIndex;
    private int phase;

    WardProfile(String address, Location location, double readingsPerSecond, int numericsPerSecond, int tickMillis) {
        this.identity = new DeviceIdentity(Transport.LOCAL, address, "WG-BENCH", address.toUpperCase(), "");
        this.location = location;
        double numerics = Math.min(numericsPerSecond, readingsPerSecond);
        double waves = readingsPerSecond - numerics;
        double ticksPerSecond = 1000.0 / tickMillis;
        this.numericsPerTick = numerics / ticksPerSecond;
        this.ecgPerTick = waves * 0.8 / ticksPerSecond;
        this.plethPerTick = waves * 0.2 / ticksPerSecond;
        this.ecgPeriod = period(waves * 0.8);
        this.plethPeriod = period(waves * 0.2);
    }

    private static Duration period(double perSecond) {
        return perSecond <= 0 ? Duration.ofMillis(1) : Duration.ofNanos(Math.max(1, (long) (1e9 / perSecond)));
    }

    DeviceIdentity identity() {
        return identity;
    }

    /** This tick's readings, or null when the tick holds none; {@code counted[0]} gets the readings count. */
    DeviceReadings tick(Instant now, long[] counted) {
        List<Reading> readings = new ArrayList<>(4);
        long count = 0;
        numericCarry += numericsPerTick;
        while (numericCarry >= 1) {
            numericCarry -= 1;
            int which = numericIndex++ % NUMERICS.length;
            readings.add(Observation.of(NUMERICS[which], Decimal.ofInteger(TYPICAL[which] + (numericIndex % 5)),
                    Set.of(), now));
            count++;
        }
        ecgCarry += ecgPerTick;
        int ecg = (int) Math.min(ecgCarry, WaveformSegment.MAX_SAMPLES);
        if (ecg > 0) {
            ecgCarry -= ecg;
            readings.add(segment(ECG_II, ecg, ecgPeriod, now));
            count += ecg;
        }
        plethCarry += plethPerTick;
        int pleth = (int) Math.min(plethCarry, WaveformSegment.MAX_SAMPLES);
        if (pleth > 0) {
            plethCarry -= pleth;
            readings.add(segment(PLETH, pleth, plethPeriod, now));
            count += pleth;
        }
        counted[0] = count;
        return readings.isEmpty() ? null : new DeviceReadings(identity, location, readings);
    }

    private WaveformSegment segment(Metric metric, int total, Duration period, Instant now) {
        int n = total;
        int[] samples = new int[n];
        for (int i = 0; i < n; i++) {
            // A cheap wave with some spread, so the encoding is not degenerate.
            phase = (phase + 37) & 1023;
            samples[i] = phase < 512 ? phase : 1023 - phase;
        }
        return new WaveformSegment(metric, metric == ECG_II ? Unit.MILLIVOLT : Unit.DIMENSIONLESS, period,
                now.minus(period.multipliedBy(n - 1L)), samples, MV, Set.of(), now);
    }
}
