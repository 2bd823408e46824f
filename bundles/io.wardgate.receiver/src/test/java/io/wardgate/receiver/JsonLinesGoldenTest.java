package io.wardgate.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.Decimal;
import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.Location;
import io.wardgate.api.Observation;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.Transport;
import io.wardgate.api.Unit;
import io.wardgate.api.VitalSign;
import io.wardgate.api.WaveScale;
import io.wardgate.api.WaveformSegment;
import io.wardgate.seal.envelope.Batch;
import io.wardgate.seal.envelope.SealTags;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The receiver's JSON lines, byte for byte (golden; docs/envelope.md, "Receiver (backend)"). */
class JsonLinesGoldenTest {
    private static final Instant T = Instant.parse("2026-03-01T10:00:00.250Z");

    @Test
    void observationAndWaveformLinesAreByteForByteTheGolden() {
        DeviceIdentity device = new DeviceIdentity(Transport.SERIAL, "/dev/wardgate/bed-1", "IntelliVue \"MX\" 450",
                "DE\\123", "0012345678ABCD01");
        SealTags tags = new SealTags("wg-1", "serial:/dev/wardgate/bed-1", 3, 41, T);
        Batch batch = new Batch(device, new Location("st-marys", "icu-2", "bed-1"), "icu-monitors", List.of(
                new Observation(VitalSign.SPO2.metric(), Unit.PERCENT, Decimal.of(980, -1),
                        EnumSet.of(StatusFlag.QUESTIONABLE), T.minusSeconds(1), T),
                Observation.absent(VitalSign.HEART_RATE.metric(), Unit.BEATS_PER_MINUTE, Set.of(StatusFlag.UNAVAILABLE), T),
                new WaveformSegment(VitalSign.SPO2.metric(), Unit.DIMENSIONLESS, Duration.ofMillis(8), T, new int[] {1, -2, 3},
                        new WaveScale(0, 4095, Decimal.of(0, 0), Decimal.of(1000, -2)), Set.of(), T)));
        String prefix = "{\"gateway\":\"wg-1\",\"device\":\"serial:/dev/wardgate/bed-1\",\"epoch\":3,\"sequence\":41,";
        String where = "\"sealedAt\":\"2026-03-01T10:00:00.250Z\",\"site\":\"st-marys\",\"ward\":\"icu-2\",\"bed\":\"bed-1\","
                + "\"group\":\"icu-monitors\",\"model\":\"IntelliVue \\\"MX\\\" 450\",\"serialNumber\":\"DE\\\\123\","
                + "\"eui64\":\"0012345678ABCD01\",";
        assertThat(JsonLinesSink.line(tags, batch, 0)).isEqualTo(prefix + "\"index\":0," + where
                + "\"kind\":\"observation\",\"mdc\":150456,\"metric\":\"MDC_PULS_OXIM_SAT_O2\",\"loinc\":\"2708-6\","
                + "\"ucum\":\"%\",\"unitMdc\":262688,\"unit\":\"MDC_DIM_PERCENT\",\"status\":[\"QUESTIONABLE\"],"
                + "\"value\":98.0,\"deviceTime\":\"2026-03-01T09:59:59.250Z\",\"receivedAt\":\"2026-03-01T10:00:00.250Z\"}");
        assertThat(JsonLinesSink.line(tags, batch, 1)).isEqualTo(prefix + "\"index\":1," + where
                + "\"kind\":\"observation\",\"mdc\":147842,\"metric\":\"MDC_ECG_HEART_RATE\",\"loinc\":\"8867-4\","
                + "\"ucum\":\"/min\",\"unitMdc\":264864,\"unit\":\"MDC_DIM_BEAT_PER_MIN\",\"status\":[\"UNAVAILABLE\"],"
                + "\"receivedAt\":\"2026-03-01T10:00:00.250Z\"}");
        assertThat(JsonLinesSink.line(tags, batch, 2)).isEqualTo(prefix + "\"index\":2," + where
                + "\"kind\":\"waveform\",\"mdc\":150456,\"metric\":\"MDC_PULS_OXIM_SAT_O2\",\"loinc\":\"2708-6\","
                + "\"ucum\":\"1\",\"unitMdc\":262656,\"unit\":\"MDC_DIM_DIMLESS\",\"status\":[],"
                + "\"start\":\"2026-03-01T10:00:00.250Z\",\"periodNanos\":8000000,"
                + "\"scale\":{\"rawLow\":0,\"rawHigh\":4095,\"low\":0,\"high\":10.00},\"samples\":[1,-2,3],"
                + "\"receivedAt\":\"2026-03-01T10:00:00.250Z\"}");
    }
}
