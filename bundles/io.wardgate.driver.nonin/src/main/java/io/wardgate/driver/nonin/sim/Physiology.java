package io.wardgate.driver.nonin.sim;

import java.util.SplittableRandom;

/**
 * A believable patient: SpO2 and pulse rate drifting slowly within normal ranges, and a pleth
 * wave (systolic peak, dicrotic notch) at the pulse rate, sampled at 75 Hz in 16 bits.
 * Seeded, so a test sees the same patient every run.
 */
final class Physiology {
    static final double SAMPLE_RATE = 75.0;

    private final SplittableRandom random;
    private double spo2 = 97.0;
    private double pulseRate = 72.0;
    private double phase;
    private boolean beatStarted;

    Physiology(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** One second passed: let the vitals wander (mean-reverting random walk). */
    void drift() {
        spo2 += 0.25 * (97.0 - spo2) + random.nextDouble(-0.8, 0.8);
        spo2 = Math.max(88.0, Math.min(100.0, spo2));
        pulseRate += 0.1 * (72.0 - pulseRate) + random.nextDouble(-2.5, 2.5);
        pulseRate = Math.max(45.0, Math.min(150.0, pulseRate));
    }

    int spo2() {
        return (int) Math.round(spo2);
    }

    int pulseRate() {
        return (int) Math.round(pulseRate);
    }

    /** The next pleth sample, 0 to 65535. */
    int nextPleth() {
        double wave = bump(phase, 0.15, 0.06) + 0.35 * bump(phase, 0.45, 0.08);
        double noise = random.nextDouble(-0.01, 0.01);
        phase += pulseRate / 60.0 / SAMPLE_RATE;
        beatStarted = phase >= 1.0;
        if (beatStarted) {
            phase -= 1.0;
        }
        return (int) Math.round(20_000 + 25_000 * (wave + noise));
    }

    /** Whether the sample just taken ended a beat. */
    boolean beatStarted() {
        return beatStarted;
    }

    private static double bump(double x, double centre, double width) {
        double d = (x - centre) / width;
        return Math.exp(-d * d);
    }
}
