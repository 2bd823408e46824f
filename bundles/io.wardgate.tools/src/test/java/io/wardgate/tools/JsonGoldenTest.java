package io.wardgate.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.Decimal;
import io.wardgate.api.DeviceEvent;
import io.wardgate.api.Observation;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.Unit;
import io.wardgate.api.VitalSign;
import io.wardgate.api.WaveScale;
import io.wardgate.api.WaveformSegment;
import io.wardgate.api.driver.Decoded;
import io.wardgate.api.driver.GattResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the tools print as JSON, byte for byte (golden), hostile text included. */
class JsonGoldenTest {
    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
    private static final String HOSTILE = "a\"b\\c\nd\re\tf\u0001\u001b[2Jé\u2028";

    @Test
    void decodedItemsOfEveryKind() {
        assertThat(DecodedJson.of(new Decoded.ReadingDecoded(7, new Observation(VitalSign.SPO2.metric(), Unit.PERCENT,
                Decimal.of(980, -1), EnumSet.of(StatusFlag.VALIDATED, StatusFlag.QUESTIONABLE), T.minusSeconds(2), T))))
                .isEqualTo("{\"offset\":7,\"type\":\"reading\",\"metric\":150456,\"referenceId\":\"MDC_PULS_OXIM_SAT_O2\","
                        + "\"loinc\":\"2708-6\",\"value\":\"98.0\",\"unit\":\"%\",\"unitCode\":262688,"
                        + "\"deviceTime\":\"2026-03-01T09:59:58Z\",\"status\":[\"QUESTIONABLE\",\"VALIDATED\"]}");
        assertThat(DecodedJson.of(new Decoded.ReadingDecoded(8, Observation.absent(VitalSign.HEART_RATE.metric(),
                Unit.BEATS_PER_MINUTE, Set.of(StatusFlag.UNAVAILABLE), T))))
                .isEqualTo("{\"offset\":8,\"type\":\"reading\",\"metric\":147842,\"referenceId\":\"MDC_ECG_HEART_RATE\","
                        + "\"loinc\":\"8867-4\",\"value\":null,\"unit\":\"/min\",\"unitCode\":264864,"
                        + "\"status\":[\"UNAVAILABLE\"]}");
        assertThat(DecodedJson.of(new Decoded.ReadingDecoded(9, new WaveformSegment(VitalSign.SPO2.metric(),
                Unit.DIMENSIONLESS, Duration.ofMillis(8), T, new int[] {1, -2, 3},
                new WaveScale(0, 4095, Decimal.of(0, 0), Decimal.of(1000, -2)), Set.of(), T))))
                .isEqualTo("{\"offset\":9,\"type\":\"waveform\",\"metric\":150456,\"referenceId\":\"MDC_PULS_OXIM_SAT_O2\","
                        + "\"loinc\":\"2708-6\",\"unit\":\"1\",\"unitCode\":262656,\"samplePeriodNanos\":8000000,"
                        + "\"sampleCount\":3,\"scale\":{\"rawLow\":0,\"rawHigh\":4095,\"low\":\"0\",\"high\":\"10.00\"},"
                        + "\"samples\":[1,-2,3],\"status\":[]}");
        assertThat(DecodedJson.of(new Decoded.IdentityDecoded(10, "MX\"450", "SN\\1", "")))
                .isEqualTo("{\"offset\":10,\"type\":\"identity\",\"model\":\"MX\\\"450\",\"serialNumber\":\"SN\\\\1\","
                        + "\"eui64\":\"\"}");
        assertThat(DecodedJson.of(new Decoded.EventDecoded(11, DeviceEvent.Kind.ALARM, HOSTILE)))
                .isEqualTo("{\"offset\":11,\"type\":\"event\",\"kind\":\"ALARM\",\"detail\":"
                        + "\"a\\\"b\\\\c\\nd\\re\\tf\\u0001\\u001b[2J\\u00e9\\u2028\"}");
        assertThat(DecodedJson.of(new Decoded.FramingError(12, HOSTILE)))
                .isEqualTo("{\"offset\":12,\"type\":\"framing_error\",\"reason\":"
                        + "\"a\\\"b\\\\c\\nd\\re\\tf\\u0001\\u001b[2J\\u00e9\\u2028\"}");
    }

    @Test
    void gattResultsEscapeEveryControlCharacterAsUnicode() {
        assertThat(GattJson.toJson(new GattResult.GattError("2A35", "Blood \"Pressure\"", "sys\\", HOSTILE)))
                .isEqualTo("{\"characteristic\":\"2A35\",\"name\":\"Blood \\\"Pressure\\\"\",\"error\":{\"field\":"
                        + "\"sys\\\\\",\"message\":\"a\\\"b\\\\c\\u000ad\\u000de\\u0009f\\u0001\\u001b[2J\\u00e9\\u2028\"}}");
        Map<String, String> details = new LinkedHashMap<>();
        details.put("flags", "0x06");
        details.put("note\n", "é");
        assertThat(GattJson.toJson(new GattResult.GattMeasurement("2A1C", "T", List.of(
                Observation.absent(VitalSign.HEART_RATE.metric(), Unit.BEATS_PER_MINUTE, Set.of(StatusFlag.UNAVAILABLE), T)),
                null, details))).isEqualTo("{\"characteristic\":\"2A1C\",\"name\":\"T\",\"deviceTime\":null,"
                        + "\"observations\":[{\"mdc\":147842,\"metric\":\"MDC_ECG_HEART_RATE\",\"loinc\":\"8867-4\","
                        + "\"value\":null,\"unit\":\"/min\",\"mdcUnit\":264864,\"status\":[\"UNAVAILABLE\"],"
                        + "\"deviceTime\":null,\"receivedAt\":\"2026-03-01T10:00:00Z\"}],"
                        + "\"details\":{\"flags\":\"0x06\",\"note\\u000a\":\"\\u00e9\"}}");
    }

    @Test
    void managementRepliesWithEveryValueType() {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("ok", true);
        reply.put("count", 3L);
        reply.put("small", 4);
        reply.put("none", null);
        reply.put("text", HOSTILE);
        reply.put("key", new byte[] {0x01, (byte) 0xAB});
        reply.put("list", Arrays.asList("x", 1L, null, List.of(), Map.of()));
        reply.put("nested", Map.of("k", List.of(false)));
        reply.put("other", Duration.ofSeconds(5));
        assertThat(JsonValues.write(reply)).isEqualTo("{\"ok\":true,\"count\":3,\"small\":4,\"none\":null,"
                + "\"text\":\"a\\\"b\\\\c\\nd\\re\\tf\\u0001\\u001b[2J\\u00e9\\u2028\",\"key\":\"01ab\","
                + "\"list\":[\"x\",1,null,[],{}],\"nested\":{\"k\":[false]},\"other\":\"PT5S\"}");
        assertThat(JsonValues.write(null)).isEqualTo("null");
        assertThat(JsonValues.write(List.of())).isEqualTo("[]");
    }
}
