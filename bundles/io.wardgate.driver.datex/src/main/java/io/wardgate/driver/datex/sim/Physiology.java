package io.wardgate.driver.datex.sim;

import java.util.SplittableRandom;

/**
 * Believable vitals of a monitored adult that swing slowly and jitter a little at each record, and the four waves the
 * driver asks for, shaped roughly like the real ones. Simulation only: a seeded (repeatable) generator.
 */
final class Physiology {
    /**
     * One value in the record's units (e.g. 1/100 mmHg): a slow swing around its centre (minutes long,
     * a phase per seed) plus a little jitter per record.
     */
    private record Drift(int centre, int swing, int periodRecords, int jitter, double phase) {
        int at(long record, SplittableRandom random) {
            double slow = swing * Math.sin(2 * Math.PI * record / periodRecords + phase);
            return centre + (int) Math.round(slow) + random.nextInt(-jitter, jitter + 1);
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
    private final Drift heartRate;
    private final Drift artSys;
    private final Drift artDia;
    private final Drift nibpSys;
    private final Drift nibpDia;
    private final Drift temperature;
    private final Drift spo2;
    private final Drift etco2;
    private final Drift respRate;
    private long records;
    private int lastHeartRate = 74;
    private int lastArtSys = 12_200;
    private int lastArtDia = 7_400;
    private int lastEtco2 = 510;
    private int lastRespRate = 14;

    Physiology(long seed) {
        this.random = new SplittableRandom(seed);
        heartRate = new Drift(74, 8, 60, 1, phase());
        artSys = new Drift(12_200, 900, 90, 60, phase());
        artDia = new Drift(7_400, 500, 90, 40, phase());
        nibpSys = new Drift(11_900, 800, 120, 0, phase());
        nibpDia = new Drift(7_600, 400, 120, 0, phase());
        temperature = new Drift(3_690, 25, 300, 1, phase());
        spo2 = new Drift(9_700, 120, 45, 10, phase());
        etco2 = new Drift(510, 40, 70, 3, phase());
        respRate = new Drift(14, 2, 50, 0, phase());
    }

    private double phase() {
        return random.nextDouble(2 * Math.PI);
    }

    Vitals next() {
        long n = records++;
        lastHeartRate = heartRate.at(n, random);
        lastArtSys = artSys.at(n, random);
        lastArtDia = artDia.at(n, random);
        lastEtco2 = etco2.at(n, random);
        lastRespRate = respRate.at(n, random);
        return new Vitals(lastHeartRate, lastArtSys, lastArtDia, nibpSys.at(n, random), nibpDia.at(n, random),
                temperature.at(n, random), Math.min(10_000, spo2.at(n, random)), lastHeartRate + random.nextInt(-1, 2),
                lastEtco2, random.nextInt(0, 20), lastRespRate, 7_600);
    }

    /** {@code count} samples of a wave at {@code perSecond}, continuing where the last call stopped. */
    short[] wave(int type, int perSecond, int count, long startSample) {
        short[] out = new short[count];
        double beat = lastHeartRate / 60.0;
        double breath = lastRespRate / 60.0;
        for (int i = 0; i < count; i++) {
            double t = (startSample + i) / (double) perSecond;
            double cardiac = (t * beat) % 1.0;
            double respiratory = (t * breath) % 1.0;
            out[i] = (short) switch (type) {
                // ECG in uV: a narrow R spike with a T wave.
                case 1 -> cardiac < 0.04 ? 1200 * Math.sin(Math.PI * cardiac / 0.04)
                        : cardiac > 0.3 && cardiac < 0.45 ? 250 * Math.sin(Math.PI * (cardiac - 0.3) / 0.15) : 0;
                // Arterial pressure in 1/100 mmHg.
                case 4 -> lastArtDia + (lastArtSys - lastArtDia)
                        * (cardiac < 0.15 ? Math.sin(Math.PI * cardiac / 0.3) : Math.exp(-(cardiac - 0.15) * 3));
                // Pleth modulation in 1/100 %.
                case 8 -> 200 + 300 * Math.max(0, Math.sin(2 * Math.PI * cardiac));
                // CO2 in 1/100 %: a plateau while breathing out.
                case 9 -> respiratory < 0.45 ? lastEtco2 * Math.min(1, respiratory * 10) : 0;
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
