package io.wardgate.driver.gatt;

import io.wardgate.api.StatusFlag;
import java.util.EnumSet;

/**
 * Glucose Measurement 0x2A18. device-protocols.md: "Flags: bit0 time offset s16 (min), bit1 concentration
 * + type/location, bit2 mol/L (else kg/L), bit3 sensor status, bit4 context follows. Fields: sequence u16,
 * base time, [offset], [concentration SFLOAT, type (low nibble) / location (high nibble)], [status u16]."
 * Type and location codes and the sensor status annunciation bits are the Glucose Service's (checked in
 * public decoders): types 1..10 capillary/venous/arterial whole blood and plasma, undetermined whole
 * blood and plasma, ISF, control solution; locations 1 finger, 2 alternate site, 3 earlobe, 4 control
 * solution, 15 not available.
 */
final class GlucoseMeasurement {
    static final String UUID = "2A18";
    static final String NAME = "Glucose Measurement";

    private static final String[] TYPES = {
        "reserved", "capillary whole blood", "capillary plasma", "venous whole blood", "venous plasma",
        "arterial whole blood", "arterial plasma", "undetermined whole blood", "undetermined plasma",
        "interstitial fluid", "control solution",
    };
    private static final String[] LOCATIONS = {"reserved", "finger", "alternate site test", "earlobe", "control solution"};
    private static final String[] ANNUNCIATIONS = {
        "batteryLow", "sensorMalfunction", "sampleSizeInsufficient", "stripInsertionError", "stripTypeIncorrect",
        "resultAboveDeviceRange", "resultBelowDeviceRange", "temperatureTooHigh", "temperatureTooLow",
        "stripPulledTooSoon", "generalDeviceFault", "timeFault",
    };

    private GlucoseMeasurement() {
    }

    static void decode(byte[] value, Readings out) {
        int flags = value.length > 0 ? value[0] & 0xFF : 0;
        boolean offset = (flags & 0x01) != 0;
        boolean concentration = (flags & 0x02) != 0;
        boolean molar = (flags & 0x04) != 0;
        boolean sensorStatus = (flags & 0x08) != 0;
        boolean contextFollows = (flags & 0x10) != 0;
        Layout.of("flags", 1)
                .then("sequenceNumber", 2)
                .then("baseTime", 7)
                .thenIf(offset, "timeOffset", 2)
                .thenIf(concentration, "concentration", 2)
                .thenIf(concentration, "typeAndLocation", 1)
                .thenIf(sensorStatus, "sensorStatus", 2)
                .require(value.length);

        LeReader in = new LeReader(value);
        in.u8();
        out.detail("flags", Readings.hex(flags, 2));
        out.detail("sequenceNumber", in.u16());
        out.deviceTime(in.dateTime("baseTime"), true);
        if (offset) {
            int minutes = in.s16();
            out.detail("timeOffsetMinutes", minutes);
            out.offsetDeviceTime(minutes);
        }
        if (contextFollows) {
            out.detail("contextFollows", true); // a Glucose Measurement Context 0x2A34 with this sequence number follows
        }
        MderNumber amount = concentration ? in.sfloat() : null;
        int type = 0;
        if (concentration) {
            int typeAndLocation = in.u8();
            type = typeAndLocation & 0x0F;
            int location = typeAndLocation >> 4;
            out.detail("sampleType", type < TYPES.length ? TYPES[type] : "reserved");
            out.detail("sampleLocation", location == 15 ? "not available"
                    : location < LOCATIONS.length ? LOCATIONS[location] : "reserved");
        }
        EnumSet<StatusFlag> status = EnumSet.noneOf(StatusFlag.class);
        if (sensorStatus) {
            int word = in.u16();
            out.detail("sensorStatus", Readings.hex(word, 4));
            for (int bit = 0; bit < ANNUNCIATIONS.length; bit++) {
                if ((word & (1 << bit)) != 0) {
                    out.detail(ANNUNCIATIONS[bit], true);
                }
            }
            annunciations(word, status);
        }
        if (amount != null) {
            out.add(GattMetrics.glucose(type), molar ? GattMetrics.MMOL_PER_L : GattMetrics.MG_PER_DL,
                    GattMetrics.glucoseInTableUnit(amount, molar), status);
        }
    }

    private static void annunciations(int word, EnumSet<StatusFlag> status) {
        if ((word & 0x0402) != 0) { // sensor malfunction, general device fault
            status.add(StatusFlag.SENSOR_PROBLEM);
        }
        if ((word & 0x039C) != 0) { // sample size, strip insertion, strip type, temperature, strip pulled
            status.add(StatusFlag.QUESTIONABLE);
        }
        if ((word & 0x0020) != 0) { // the meter cannot give a number above its range
            status.add(StatusFlag.ABOVE_RANGE);
        }
        if ((word & 0x0040) != 0) {
            status.add(StatusFlag.BELOW_RANGE);
        }
        if ((word & 0x0800) != 0) {
            status.add(StatusFlag.DEVICE_CLOCK_NOT_SET);
        }
    }
}
