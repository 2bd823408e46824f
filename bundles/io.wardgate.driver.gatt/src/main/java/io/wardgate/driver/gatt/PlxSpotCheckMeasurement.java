package io.wardgate.driver.gatt;

import io.wardgate.api.StatusFlag;
import io.wardgate.api.Unit;
import io.wardgate.api.VitalSign;
import java.util.EnumSet;

/**
 * PLX Spot-check Measurement 0x2A5E. device-protocols.md: "flags: bit0 timestamp, bit1 measurement status
 * u16, bit2 device/sensor status u24, bit3 pulse amplitude index SFLOAT, bit4 device clock not set; then
 * SpO2, PR (SFLOAT) first."
 */
final class PlxSpotCheckMeasurement {
    static final String UUID = "2A5E";
    static final String NAME = "PLX Spot-check Measurement";

    private PlxSpotCheckMeasurement() {
    }

    static void decode(byte[] value, Readings out) {
        int flags = value.length > 0 ? value[0] & 0xFF : 0;
        boolean timestamp = (flags & 0x01) != 0;
        boolean measurementStatus = (flags & 0x02) != 0;
        boolean deviceStatus = (flags & 0x04) != 0;
        boolean pai = (flags & 0x08) != 0;
        boolean clockNotSet = (flags & 0x10) != 0;
        Layout.of("flags", 1)
                .then("spo2", 2)
                .then("pulseRate", 2)
                .thenIf(timestamp, "timestamp", 7)
                .thenIf(measurementStatus, "measurementStatus", 2)
                .thenIf(deviceStatus, "deviceAndSensorStatus", 3)
                .thenIf(pai, "pulseAmplitudeIndex", 2)
                .require(value.length);

        LeReader in = new LeReader(value);
        in.u8();
        MderNumber spo2 = in.sfloat();
        MderNumber pulseRate = in.sfloat();
        out.detail("flags", Readings.hex(flags, 2));
        EnumSet<StatusFlag> status = EnumSet.noneOf(StatusFlag.class);
        if (clockNotSet) {
            out.detail("deviceClockNotSet", true);
            status.add(StatusFlag.DEVICE_CLOCK_NOT_SET);
        }
        if (timestamp) {
            // A clock that was never set gives a time stamp that means nothing: keep it raw only.
            out.deviceTime(in.dateTime("timestamp"), !clockNotSet);
        }
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
