package io.wardgate.driver.gatt;

import io.wardgate.api.Decimal;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.Unit;
import io.wardgate.api.VitalSign;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Heart Rate Measurement 0x2A37. device-protocols.md: "Flags: bit0 HR is u16 (else u8), bit1 contact
 * detected, bit2 contact supported, bit3 energy expended u16 kJ present, bit4 RR intervals present
 * (u16 each, 1/1024 s)".
 */
final class HeartRateMeasurement {
    static final String UUID = "2A37";
    static final String NAME = "Heart Rate Measurement";

    private HeartRateMeasurement() {
    }

    static void decode(byte[] value, Readings out) {
        int flags = value.length > 0 ? value[0] & 0xFF : 0;
        boolean wide = (flags & 0x01) != 0;
        boolean contactDetected = (flags & 0x02) != 0;
        boolean contactSupported = (flags & 0x04) != 0;
        boolean energy = (flags & 0x08) != 0;
        boolean rr = (flags & 0x10) != 0;
        Layout.of("flags", 1)
                .then("heartRate", wide ? 2 : 1)
                .thenIf(energy, "energyExpended", 2)
                .thenRepeated(rr, "rrIntervals", 2)
                .require(value.length);

        LeReader in = new LeReader(value);
        in.u8();
        int heartRate = wide ? in.u16() : in.u8();
        out.detail("flags", Readings.hex(flags, 2));
        out.detail("sensorContact", contactSupported ? (contactDetected ? "detected" : "not detected") : "not supported");
        // A strap that supports contact detection and reports no contact is not on the skin: the value
        // may be noise, so it is forwarded flagged rather than dropped.
        Set<StatusFlag> status = contactSupported && !contactDetected ? Set.of(StatusFlag.SENSOR_PROBLEM) : Set.of();
        out.add(VitalSign.HEART_RATE.metric(), Unit.BEATS_PER_MINUTE, Decimal.ofInteger(heartRate), status);
        if (energy) {
            out.add(GattMetrics.ENERGY_EXPENDED, GattMetrics.KILOJOULE, Decimal.ofInteger(in.u16()), Set.of());
        }
        if (rr) {
            List<String> raw = new ArrayList<>();
            while (in.remaining() > 0) {
                int ticks = in.u16();
                raw.add(Integer.toString(ticks));
                // 1/1024 s = 0.0009765625 s exactly, so ticks/1024 s is an exact decimal.
                out.add(GattMetrics.RR_INTERVAL, Unit.SECOND, Decimal.of(ticks * 9_765_625L, -10), Set.of());
            }
            out.detail("rrIntervals1024", String.join(",", raw));
        }
    }
}
