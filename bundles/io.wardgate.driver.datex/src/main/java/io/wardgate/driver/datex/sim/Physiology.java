package io.wardgate.driver.datex.sim;

import java.util.SplittableRandom;

/**
 * Believable vitals of a monitored adult that drift a little at each record, and the four waves the
 * driver asks for, shaped roughly like the real ones. Simulation only: a seeded (repeatable) generator.
 */
final class Physiology {
    /** One drifting value in the record's units (e.g. 1/100 mmHg), a bounded walk pulled to its centre. */
    private static final class Walk {
        private final int centre;
        private final int low;
        private final int high;
        private final int step;
        private int value;

        Walk(int centre, int low, int high, int step) {
            this.centre = centre;
            this.low = low;
            this.high = high;
            this.step = step;
            this.value = centre;
        }

        int next(SplittableRandom random) {
            int drift = random.nextInt(-step, step + 1);
            int pull = Integer.signum(centre - value) * step / 2;
            value = Math.max(low, Math.min(high, value + drift + pull));
            return value;
        }

        int value() {
            return value;
        }
    }

    /** One set of values in DRI units. */
    record Vitals(int heartRate, int artSys, int artDia, int nibpSys, int nibpDia, int temperature, int spo2,
            int pulseRate, int etco2, int fico2, int respRate, int ambient) {
        int artMean() {
            return (artSys + 2 * artDia) / 3;
        }

        int nibpMean() {
            return (nibpSys + 2 * nibpDia) / 3;
        }
    }

    private final SplittableRandom random;
    private final Walk heartRate = new Walk(74, 50, 130, 2);
    private final Walk artSys = new Walk(12_200, 9_000, 16_000, 150);
    private final Walk artDia = new Walk(7_400, 5_000, 9_500, 100);
    private final Walk nibpSys = new Walk(11_900, 9_000, 16_000, 150);
    private final Walk nibpDia = new Walk(7_600, 5_000, 9_500, 100);
    private final Walk temperature = new Walk(3_690, 3_550, 3_880, 3);
    private final Walk spo2 = new Walk(9_700, 9_000, 10_000, 20);
    private final Walk etco2 = new Walk(510, 420, 620, 5);
    private final Walk respRate = new Walk(14, 8, 26, 1);

    Physiology(long seed) {
        this.random = new SplittableRandom(seed);
    }

    Vitals next() {
        int hr = heartRate.next(random);
        return new Vitals(hr, artSys.next(random), artDia.next(random), nibpSys.next(random), nibpDia.next(random),
                temperature.next(random), spo2.next(random), hr + random.nextInt(-1, 2), etco2.next(random),
                random.nextInt(0, 20), respRate.next(random), 7_600);
    }

    /** {@code count} samples of a wave at {@code perSecond}, continuing where the last call stopped. */
    short[] wave(int type, int perSecond, int count, long startSample) {
        short[] out = new short[count];
        double beat = heartRate.value() / 60.0;
        double breath = respRate.value() / 60.0;
        for (int i = 0; i < count; i++) {
            double t = (startSample + i) / (double) perSecond;
            double cardiac = (t * beat) % 1.0;
            double respiratory = (t * breath) % 1.0;
            out[i] = (short) switch (type) {
                // ECG in uV: a narrow R spike with a T wave.
                case 1 -> cardiac < 0.04 ? 1200 * Math.sin(Math.PI * cardiac / 0.04)
                        : cardiac > 0.3 && cardiac < 0.45 ? 250 * Math.sin(Math.PI * (cardiac - 0.3) / 0.15) : 0;
                // Arterial pressure in 1/100 mmHg.
                case 4 -> artDia.value() + (artSys.value() - artDia.value())
                        * (cardiac < 0.15 ? Math.sin(Math.PI * cardiac / 0.3) : Math.exp(-(cardiac - 0.15) * 3));
                // Pleth modulation in 1/100 %.
                case 8 -> 200 + 300 * Math.max(0, Math.sin(2 * Math.PI * cardiac));
                // CO2 in 1/100 %: a plateau while breathing out.
                case 9 -> respiratory < 0.45 ? etco2.value() * Math.min(1, respiratory * 10) : 0;
                default -> 0;
            };
        }
        return out;
    }

    /** Random bytes, for the garbage mode. */
    void garbage(byte[] into) {
        random.nextBytes(into);
    }

    boolean chance(int oneIn) {
        return random.nextInt(oneIn) == 0;
    }

}
