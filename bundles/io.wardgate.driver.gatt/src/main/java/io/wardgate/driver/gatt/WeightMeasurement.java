package io.wardgate.driver.gatt;

import io.wardgate.api.Decimal;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.Unit;
import java.util.Set;

/**
 * Weight Measurement 0x2A9D. device-protocols.md: "Flags: bit0 imperial, bit1 timestamp, bit2 user id,
 * bit3 BMI + height. Weight u16 x 0.005 kg (or 0.01 lb); BMI x 0.1; height x 0.001 m (or 0.1 in)."
 * A weight of 0xFFFF means "measurement unsuccessful" (Weight Scale Service; checked in public decoders).
 * The resolutions are exact decimals, so no precision is invented: 0.005 kg = 5 x 10^-3.
 */
final class WeightMeasurement {
    static final String UUID = "2A9D";
    static final String NAME = "Weight Measurement";

    private WeightMeasurement() {
    }

    static void decode(byte[] value, Readings out) {
        int flags = value.length > 0 ? value[0] & 0xFF : 0;
        boolean imperial = (flags & 0x01) != 0;
        boolean timestamp = (flags & 0x02) != 0;
        boolean user = (flags & 0x04) != 0;
        boolean bmiAndHeight = (flags & 0x08) != 0;
        Layout.of("flags", 1)
                .then("weight", 2)
                .thenIf(timestamp, "timestamp", 7)
                .thenIf(user, "userId", 1)
                .thenIf(bmiAndHeight, "bmi", 2)
                .thenIf(bmiAndHeight, "height", 2)
                .require(value.length);

        LeReader in = new LeReader(value);
        in.u8();
        int weight = in.u16();
        out.detail("flags", Readings.hex(flags, 2));
        if (timestamp) {
            out.deviceTime(in.dateTime("timestamp"), true);
        }
        if (user) {
            int id = in.u8();
            out.detail("userId", id == 0xFF ? "unknown" : Integer.toString(id));
        }
        Unit weightUnit = imperial ? Unit.POUND : Unit.KILOGRAM;
        if (weight == 0xFFFF) {
            out.detail("measurementUnsuccessful", true);
            out.add(GattMetrics.BODY_MASS, weightUnit, (Decimal) null, Set.of(StatusFlag.UNAVAILABLE));
        } else {
            Decimal mass = imperial ? Decimal.of(weight, -2) : Decimal.of(weight * 5L, -3);
            out.add(GattMetrics.BODY_MASS, weightUnit, mass, Set.of());
        }
        if (bmiAndHeight) {
            int bmi = in.u16();
            int height = in.u16();
            out.add(GattMetrics.BODY_MASS_INDEX, GattMetrics.KG_PER_M2, Decimal.of(bmi, -1), Set.of());
            out.add(GattMetrics.BODY_HEIGHT, imperial ? GattMetrics.INCH : GattMetrics.METRE,
                    imperial ? Decimal.of(height, -1) : Decimal.of(height, -3), Set.of());
        }
    }
}
