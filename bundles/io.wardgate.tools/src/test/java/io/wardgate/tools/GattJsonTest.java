package io.wardgate.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.driver.GattDriver;
import io.wardgate.api.driver.GattResult;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class GattJsonTest {
    private static final Instant RECEIVED = Instant.parse("2026-11-29T08:00:00Z");
    private static final GattDriver GATT = ServiceLoader.load(GattDriver.class).findFirst().orElseThrow();

    private static GattResult measurement(String uuid, String spacedHex) {
        return (GattResult.GattMeasurement) decode(uuid, spacedHex);
    }

    private static GattResult error(String uuid, String spacedHex) {
        return (GattResult.GattError) decode(uuid, spacedHex);
    }

    private static GattResult decode(String uuid, String spacedHex) {
        return GATT.decode(uuid, HexFormat.of().parseHex(spacedHex.replace(" ", "")), RECEIVED, ZoneOffset.UTC);
    }

    @Test
    void measurementAsJson() {
        // device-protocols.md:132 temperature vector
        String json = GattJson.toJson(measurement("2A1C", "06 B0 0E 00 FE DC 07 0C 05 0B 32 1B 04"));
        assertThat(json).isEqualTo("{\"characteristic\":\"2A1C\",\"name\":\"Temperature Measurement\","
                + "\"deviceTime\":\"2012-12-05T11:50:27\",\"observations\":[{\"mdc\":188432,\"metric\":\"MDC_TEMP_FINGER\","
                + "\"loinc\":\"8310-5\",\"value\":37.60,\"unit\":\"Cel\",\"mdcUnit\":268192,\"status\":[],"
                + "\"deviceTime\":\"2012-12-05T11:50:27Z\",\"receivedAt\":\"2026-11-29T08:00:00Z\"}],"
                + "\"details\":{\"flags\":\"0x06\",\"temperatureType\":\"finger\",\"temperatureTypeCode\":\"4\"}}");
    }

    @Test
    void errorAsJson() {
        assertThat(GattJson.toJson(error("2A35", "1E 8A"))).isEqualTo("{\"characteristic\":\"2A35\","
                + "\"name\":\"Blood Pressure Measurement\",\"error\":{\"field\":\"systolic\","
                + "\"message\":\"too short: needs bytes 1..2, the value has 2 bytes\"}}");
    }

    @Test
    void statusAndNullValue() {
        assertThat(GattJson.toJson(measurement("2A9D", "00 FF FF")))
                .contains("\"value\":null").contains("\"status\":[\"UNAVAILABLE\"]");
    }

    @Test
    void quotesHostileText() {
        assertThat(GattJson.toJson(error("\"\\\u0001", "00"))).contains("unsupported characteristic '\\\"\\\\?'");
    }
}
