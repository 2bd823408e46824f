package io.wardgate.driver.intellivue.sim;

import java.util.SplittableRandom;

/**
 * Believable, slowly varying vitals and waves for one simulated patient. Values drift on incommensurate
 * periods with a little jitter; the ECG and pleth waves follow the current heart rate. Not physiology
 * anyone should learn from: just enough for a gateway to show something that moves.
 */
final class Physiology {
    static final double ECG_RATE = 500.0;
    static final double PLETH_RATE = 125.0;
    /** ECG samples: 14 significant bits around a mid-scale baseline; 20.48 mV full scale. */
    static final int ECG_BASELINE = 8192;
    static final double ECG_COUNTS_PER_MV = 16383 / 20.48;
    /** Pleth samples: 12 significant bits. */
    static final int PLETH_BASELINE = 1024;

    private final SplittableRandom random;
    private final double phase;
    private double ecgBeat;
    private double plethBeat;

    Physiology(long seed) {
        this.random = new SplittableRandom(seed);
        this.phase = (seed % 1000) / 1000.0 * 2 * Math.PI;
    }

    private double wave(double seconds, double period, double amplitude) {
        return amplitude * Math.sin(2 * Math.PI * seconds / period + phase);
    }

    /** Beats per minute, whole. */
    long heartRate(double seconds) {
        return Math.round(72 + wave(seconds, 47, 6) + wave(seconds, 13, 2));
    }

    long pulseRate(double seconds) {
        return heartRate(seconds) + random.nextInt(-1, 2);
    }

    /** SpO2 in tenths of a percent (exponent -1), 95.0 to 100.0. */
    long spo2Tenths(double seconds) {
        return Math.max(950, Math.min(1000, Math.round(975 + wave(seconds, 71, 12)) + random.nextInt(-2, 3)));
    }

    long systolic(double seconds) {
        return Math.round(118 + wave(seconds, 300, 8));
    }

    long diastolic(double seconds) {
        return Math.round(76 + wave(seconds, 300, 5));
    }

    long mean(double seconds) {
        long dia = diastolic(seconds);
        return dia + Math.round((systolic(seconds) - dia) / 3.0);
    }

    /** Body temperature in tenths of a degree Celsius (exponent -1). */
    long temperatureTenths(double seconds) {
        return Math.round(369 + wave(seconds, 600, 3));
    }

    long respirationRate(double seconds) {
        return Math.round(15 + wave(seconds, 90, 2));
    }

    long etco2(double seconds) {
        return Math.round(37 + wave(seconds, 120, 2));
    }

    /** The next ECG sample (lead II) at {@code seconds}; call in sample order. */
    int nextEcg(double seconds) {
        ecgBeat = (ecgBeat + heartRate(seconds) / 60.0 / ECG_RATE) % 1.0;
        double millivolts = bump(0.20, 0.15, 0.025) + bump(0.36, -0.10, 0.010) + bump(0.40, 1.20, 0.012)
                + bump(0.44, -0.25, 0.012) + bump(0.65, 0.30, 0.050);
        return (int) Math.round(ECG_BASELINE + millivolts * ECG_COUNTS_PER_MV) + random.nextInt(-3, 4);
    }

    private double bump(double center, double height, double width) {
        double d = ecgBeat - center;
        return height * Math.exp(-d * d / (2 * width * width));
    }

    /** The next pleth sample at {@code seconds}; call in sample order. */
    int nextPleth(double seconds) {
        plethBeat = (plethBeat + heartRate(seconds) / 60.0 / PLETH_RATE) % 1.0;
        double systolicPeak = Math.exp(-Math.pow(plethBeat - 0.25, 2) / 0.006);
        double dicrotic = 0.35 * Math.exp(-Math.pow(plethBeat - 0.55, 2) / 0.004);
        return (int) Math.round(PLETH_BASELINE + 2000 * (systolicPeak + dicrotic));
    }

    void garbage(byte[] into) {
        random.nextBytes(into);
    }
}
