package io.wardgate.driver.gatt;

import io.wardgate.api.StatusFlag;
import io.wardgate.api.Unit;
import io.wardgate.api.VitalSign;
import java.util.EnumSet;

/**
 * PLX Continuous Measurement 0x2A5F. device-protocols.md: "Continuous flags: bit0 SpO2PR-Fast, bit1
 * SpO2PR-Slow, bit2 measurement status, bit3 device/sensor status, bit4 PAI". The normal SpO2 and pulse
 * rate become readings; the fast and slow averages are reported as details, so that one notification
 * does not yield three competing SpO2 readings.
 */
final class PlxContinuousMeasurement {
    static final String UUID = "2A5F";
    static final String NAME = "PLX Continuous Measurement";

    private PlxContinuousMeasurement() {
    }

    static void decode(byte[] value, Readings out) {
        int flags = value.length > 0 ? value[0] & 0xFF : 0;
        boolean fast = (flags & 0x01) != 0;
        boolean slow = (flags & 0x02) != 0;
        boolean measurementStatus = (flags & 0x04) != 0;
        boolean deviceStatus = (flags & 0x08) != 0;
        boolean pai = (flags & 0x10) != 0;
        Layout.of("flags", 1)
                .then("spo2", 2)
                .then("pulseRate", 2)
                .thenIf(fast, "spo2Fast", 2)
                .thenIf(fast, "pulseRateFast", 2)
                .thenIf(slow, "spo2Slow", 2)
                .thenIf(slow, "pulseRateSlow", 2)
                .thenIf(measurementStatus, "measurementStatus", 2)
                .thenIf(deviceStatus, "deviceAndSensorStatus", 3)
                .thenIf(pai, "pulseAmplitudeIndex", 2)
                .require(value.length);

        LeReader in = new LeReader(value);
        in.u8();
        MderNumber spo2 = in.sfloat();
        MderNumber pulseRate = in.sfloat();
        out.detail("flags", Readings.hex(flags, 2));
        if (fast) {
            out.detail("spo2Fast", in.sfloat());
            out.detail("pulseRateFast", in.sfloat());
        }
        if (slow) {
            out.detail("spo2Slow", in.sfloat());
            out.detail("pulseRateSlow", in.sfloat());
        }
        EnumSet<StatusFlag> status = EnumSet.noneOf(StatusFlag.class);
        if (measurementStatus) {
            int word = in.u16();
            out.detail("measurementStatus", Readings.hex(word, 4));
            PlxStatus.measurement(word, status);
        }
        if (deviceStatus) {
            int word = in.u24();
            out.detail("deviceAndSensorStatus", Readings.hex(word, 6));
            PlxStatus.deviceAndSensor(word, status);
        }
        out.add(VitalSign.SPO2.metric(), Unit.PERCENT, spo2, status);
        out.add(VitalSign.PULSE_RATE.metric(), Unit.BEATS_PER_MINUTE, pulseRate, status);
        if (pai) {
            out.add(GattMetrics.PULSE_AMPLITUDE_INDEX, Unit.PERCENT, in.sfloat(), status);
        }
    }
}
