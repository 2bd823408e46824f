package io.wardgate.driver.gatt;

import io.wardgate.api.Metric;
import io.wardgate.api.Unit;
import io.wardgate.api.VitalSign;
import java.util.Set;

/**
 * Temperature Measurement 0x2A1C. device-protocols.md: "Flags: bit0 Fahrenheit, bit1 timestamp, bit2
 * temperature type (1 armpit, 2 body, 3 ear, 4 finger, 5 GI tract, 6 mouth, 7 rectum, 8 toe,
 * 9 tympanum). Value FLOAT." The type picks the MDC code of the site.
 */
final class TemperatureMeasurement {
    static final String UUID = "2A1C";
    static final String NAME = "Temperature Measurement";

    private static final String[] TYPE_NAMES = {
        "reserved", "armpit", "body", "ear", "finger", "gastro-intestinal tract", "mouth", "rectum", "toe", "tympanum",
    };
    private static final Metric[] TYPE_METRICS = {
        VitalSign.BODY_TEMPERATURE.metric(), GattMetrics.TEMP_AXILLA, VitalSign.BODY_TEMPERATURE.metric(),
        GattMetrics.TEMP_EAR, GattMetrics.TEMP_FINGER, GattMetrics.TEMP_GIT, GattMetrics.TEMP_ORAL,
        GattMetrics.TEMP_RECT, GattMetrics.TEMP_TOE, GattMetrics.TEMP_TYMP,
    };

    private TemperatureMeasurement() {
    }

    static void decode(byte[] value, Readings out) {
        int flags = value.length > 0 ? value[0] & 0xFF : 0;
        boolean fahrenheit = (flags & 0x01) != 0;
        boolean timestamp = (flags & 0x02) != 0;
        boolean type = (flags & 0x04) != 0;
        Layout.of("flags", 1)
                .then("temperature", 4)
                .thenIf(timestamp, "timestamp", 7)
                .thenIf(type, "temperatureType", 1)
                .require(value.length);

        LeReader in = new LeReader(value);
        in.u8();
        MderNumber temperature = in.float32();
        out.detail("flags", Readings.hex(flags, 2));
        if (timestamp) {
            out.deviceTime(in.dateTime("timestamp"), true);
        }
        Metric metric = VitalSign.BODY_TEMPERATURE.metric();
        if (type) {
            int code = in.u8();
            // Reserved codes (0, 10..255) are not malformed framing: the reading stays a body temperature.
            out.detail("temperatureType", code < TYPE_NAMES.length ? TYPE_NAMES[code] : "reserved");
            out.detail("temperatureTypeCode", code);
            if (code < TYPE_METRICS.length) {
                metric = TYPE_METRICS[code];
            }
        }
        out.add(metric, fahrenheit ? Unit.FAHRENHEIT : Unit.CELSIUS, temperature, Set.of());
    }
}
