package io.wardgate.driver.gatt;

import io.wardgate.api.StatusFlag;
import io.wardgate.api.Unit;
import io.wardgate.api.VitalSign;
import java.util.EnumSet;
import java.util.Set;

/**
 * Blood Pressure Measurement 0x2A35. device-protocols.md: "Flags: bit0 kPa (else mmHg), bit1 timestamp,
 * bit2 pulse rate, bit3 user id, bit4 measurement status. Then systolic, diastolic, MAP (SFLOAT),
 * timestamp, pulse rate SFLOAT, user id u8, status u16 (bit0 body movement, bit1 cuff loose, bit2
 * irregular pulse, bits3-4 pulse range, bit5 improper position)."
 */
final class BloodPressureMeasurement {
    static final String UUID = "2A35";
    static final String NAME = "Blood Pressure Measurement";

    private static final String[] PULSE_RANGE = {"within range", "exceeds upper limit", "below lower limit", "reserved"};

    private BloodPressureMeasurement() {
    }

    static void decode(byte[] value, Readings out) {
        int flags = value.length > 0 ? value[0] & 0xFF : 0;
        boolean kpa = (flags & 0x01) != 0;
        boolean timestamp = (flags & 0x02) != 0;
        boolean pulse = (flags & 0x04) != 0;
        boolean user = (flags & 0x08) != 0;
        boolean status = (flags & 0x10) != 0;
        Layout.of("flags", 1)
                .then("systolic", 2)
                .then("diastolic", 2)
                .then("meanArterialPressure", 2)
                .thenIf(timestamp, "timestamp", 7)
                .thenIf(pulse, "pulseRate", 2)
                .thenIf(user, "userId", 1)
                .thenIf(status, "measurementStatus", 2)
                .require(value.length);

        LeReader in = new LeReader(value);
        in.u8();
        MderNumber systolic = in.sfloat();
        MderNumber diastolic = in.sfloat();
        MderNumber mean = in.sfloat();
        out.detail("flags", Readings.hex(flags, 2));
        if (timestamp) {
            out.deviceTime(in.dateTime("timestamp"), true);
        }
        MderNumber pulseRate = pulse ? in.sfloat() : null;
        if (user) {
            int id = in.u8();
            out.detail("userId", id == 0xFF ? "unknown" : Integer.toString(id)); // 0xFF: unknown user
        }
        EnumSet<StatusFlag> flagsForAll = EnumSet.noneOf(StatusFlag.class);
        EnumSet<StatusFlag> flagsForPulse = EnumSet.noneOf(StatusFlag.class);
        if (status) {
            int word = in.u16();
            out.detail("measurementStatus", Readings.hex(word, 4));
            if ((word & 0x0001) != 0) {
                out.detail("bodyMovement", true);
                flagsForAll.add(StatusFlag.ARTIFACT);
            }
            if ((word & 0x0002) != 0) {
                out.detail("cuffTooLoose", true);
                flagsForAll.add(StatusFlag.QUESTIONABLE);
            }
            if ((word & 0x0004) != 0) {
                out.detail("irregularPulse", true); // a finding about the patient, not about the value
            }
            int range = (word >> 3) & 0x03;
            out.detail("pulseRateRange", PULSE_RANGE[range]);
            if (range == 1 || range == 2) {
                flagsForPulse.add(StatusFlag.IN_ALARM); // outside the limits set on the cuff
            }
            if ((word & 0x0020) != 0) {
                out.detail("improperPosition", true);
                flagsForAll.add(StatusFlag.QUESTIONABLE);
            }
        }
        Unit unit = kpa ? Unit.KPA : Unit.MMHG;
        out.add(VitalSign.NIBP_SYSTOLIC.metric(), unit, systolic, flagsForAll);
        out.add(VitalSign.NIBP_DIASTOLIC.metric(), unit, diastolic, flagsForAll);
        out.add(VitalSign.NIBP_MEAN.metric(), unit, mean, flagsForAll);
        if (pulseRate != null) {
            flagsForPulse.addAll(flagsForAll);
            out.add(GattMetrics.PULSE_RATE_NON_INVASIVE, Unit.BEATS_PER_MINUTE, pulseRate, Set.copyOf(flagsForPulse));
        }
    }
}
