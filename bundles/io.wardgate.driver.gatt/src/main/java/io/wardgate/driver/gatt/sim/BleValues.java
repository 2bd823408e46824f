package io.wardgate.driver.gatt.sim;

import java.time.LocalDateTime;
import java.util.SplittableRandom;

/**
 * Believable measurements for each profile, drifting slowly like a resting adult's, encoded as the
 * device would send them. Not for anything but simulation.
 */
public final class BleValues {
    private final SplittableRandom random;
    private double heartRate = 72;
    private double spo2 = 97;
    private double temperature = 36.8;
    private double systolic = 122;
    private double diastolic = 78;
    private double weight = 72.5;
    private int glucoseSequence;

    public BleValues(long seed) {
        random = new SplittableRandom(seed);
    }

    public byte[] next(BleProfile profile, LocalDateTime now) {
        return switch (profile) {
            case HEART_RATE_STRAP -> heartRate();
            case THERMOMETER -> temperature(now);
            case BLOOD_PRESSURE_CUFF -> bloodPressure(now);
            case PULSE_OXIMETER -> oximeter();
            case WEIGHT_SCALE -> weight(now);
            case GLUCOSE_METER -> glucose(now);
        };
    }

    private double drift(double value, double step, double low, double high) {
        double next = value + (random.nextDouble() - 0.5) * 2 * step;
        return Math.max(low, Math.min(high, next));
    }

    /** u8 heart rate, sensor contact detected, one RR interval (1/1024 s). */
    private byte[] heartRate() {
        heartRate = drift(heartRate, 1.5, 55, 110);
        int bpm = (int) Math.round(heartRate);
        return new GattEncoding().u8(0x16).u8(bpm).u16((int) Math.round(60.0 / bpm * 1024)).bytes();
    }

    /** Celsius FLOAT with two decimals, time stamp, type 6 (mouth). */
    private byte[] temperature(LocalDateTime now) {
        temperature = drift(temperature, 0.05, 36.2, 38.4);
        return new GattEncoding().u8(0x06).float32((int) Math.round(temperature * 100), -2).dateTime(now).u8(6).bytes();
    }

    /** mmHg systolic/diastolic/MAP, time stamp, pulse rate. */
    private byte[] bloodPressure(LocalDateTime now) {
        systolic = drift(systolic, 4, 100, 160);
        diastolic = drift(diastolic, 3, 60, Math.min(100, systolic - 25));
        int sys = (int) Math.round(systolic);
        int dia = (int) Math.round(diastolic);
        int map = (int) Math.round(dia + (sys - dia) / 3.0);
        return new GattEncoding().u8(0x06).sfloat(sys, 0).sfloat(dia, 0).sfloat(map, 0).dateTime(now)
                .sfloat((int) Math.round(heartRate), 0).bytes();
    }

    /** Continuous SpO2 and pulse rate, with the pulse amplitude index. */
    private byte[] oximeter() {
        spo2 = drift(spo2, 0.4, 93, 100);
        heartRate = drift(heartRate, 1.0, 55, 110);
        int pai = 20 + random.nextInt(60); // 2.0 .. 7.9 %
        return new GattEncoding().u8(0x10).sfloat((int) Math.round(spo2), 0).sfloat((int) Math.round(heartRate), 0)
                .sfloat(pai, -1).bytes();
    }

    /** kg in 0.005 kg steps, time stamp. */
    private byte[] weight(LocalDateTime now) {
        weight = drift(weight, 0.1, 71.5, 73.5);
        return new GattEncoding().u8(0x02).u16((int) Math.round(weight / 0.005)).dateTime(now).bytes();
    }

    /** Capillary whole blood from a finger, in kg/L (GATT's unit): 95..130 mg/dL. */
    private byte[] glucose(LocalDateTime now) {
        int mgPerDl = 95 + random.nextInt(36);
        return new GattEncoding().u8(0x02).u16(++glucoseSequence & 0xFFFF).dateTime(now).sfloat(mgPerDl, -5).u8(0x11)
                .bytes();
    }
}
