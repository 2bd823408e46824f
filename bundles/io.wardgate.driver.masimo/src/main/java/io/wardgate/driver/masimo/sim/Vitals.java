package io.wardgate.driver.masimo.sim;

import java.util.SplittableRandom;

/**
 * Believable vitals of a resting adult that drift a little each second: a bounded random walk pulled
 * back towards a centre. Simulation only, so a seeded (repeatable) generator, not a secure one.
 */
final class Vitals {
    /** One drifting value in integer units (e.g. PI in hundredths of a percent). */
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
            int pull = Integer.signum(centre - value) * (random.nextInt(4) == 0 ? 1 : 0);
            value = Math.max(low, Math.min(high, value + drift + pull));
            return value;
        }
    }

    private final SplittableRandom random;
    private final Walk spo2 = new Walk(97, 88, 100, 1);
    private final Walk pulse = new Walk(72, 45, 135, 2);
    private final Walk perfusionHundredths = new Walk(250, 20, 1500, 15);
    private final Walk spcoTenths = new Walk(12, 0, 60, 1);
    private final Walk spmetTenths = new Walk(7, 0, 30, 1);
    private final Walk pvi = new Walk(14, 4, 40, 1);
    private final Walk piDelta = new Walk(0, -15, 15, 2);

    Vitals(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The next second's values. */
    Sample next() {
        int desat = random.nextInt(40) == 0 ? 1 : 0;
        return new Sample(spo2.next(random), pulse.next(random), perfusionHundredths.next(random),
                spcoTenths.next(random), spmetTenths.next(random), desat, piDelta.next(random), pvi.next(random));
    }

    /** Random bytes, for the garbage mode. */
    void garbage(byte[] into) {
        random.nextBytes(into);
    }

    record Sample(int spo2, int pulse, int perfusionHundredths, int spcoTenths, int spmetTenths, int desat,
            int piDelta, int pvi) {
    }
}
