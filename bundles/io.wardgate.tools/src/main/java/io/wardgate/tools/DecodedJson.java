package io.wardgate.tools;

import io.wardgate.api.Alarm;
import io.wardgate.api.Observation;
import io.wardgate.api.Reading;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.WaveScale;
import io.wardgate.api.WaveformSegment;
import io.wardgate.api.driver.Decoded;
import io.wardgate.shared.json.JsonWriter;

/**
 * One decoded item as one JSON object (docs/tools.md lists the fields). Values are strings so they
 * keep the device's precision ("98.0" is not "98"). Reception times are left out: in a replayed
 * capture they come from a synthetic clock and mean nothing; the byte offset is what locates an item.
 */
final class DecodedJson {
    private DecodedJson() {
    }

    static String of(Decoded item) {
        JsonWriter json = new JsonWriter(JsonWriter.Escaping.ASCII).beginObject().field("offset", item.offset());
        if (item instanceof Decoded.ReadingDecoded reading) {
            reading(reading.reading(), json);
        } else if (item instanceof Decoded.IdentityDecoded identity) {
            json.field("type", "identity").field("model", identity.model())
                    .field("serialNumber", identity.serialNumber()).field("eui64", identity.eui64());
        } else if (item instanceof Decoded.AlarmDecoded decoded) {
            alarm(decoded.alarm(), json);
        } else if (item instanceof Decoded.EventDecoded event) {
            json.field("type", "event").field("kind", event.kind().name()).field("detail", event.detail());
        } else if (item instanceof Decoded.FramingError error) {
            json.field("type", "framing_error").field("reason", error.reason());
        } else {
            json.field("type", "unknown").field("detail", item.toString());
        }
        return json.endObject().toString();
    }

    private static void alarm(Alarm alarm, JsonWriter json) {
        json.field("type", "alarm");
        if (alarm.source() != null) {
            json.field("metric", alarm.source().mdcCode()).field("referenceId", alarm.source().referenceId());
        }
        json.field("code", alarm.code()).field("text", alarm.text())
                .field("priority", alarm.priority().name()).field("state", alarm.state().name());
    }

    private static void reading(Reading reading, JsonWriter json) {
        json.field("type", reading instanceof WaveformSegment ? "waveform" : "reading")
                .field("metric", reading.metric().mdcCode())
                .field("referenceId", reading.metric().referenceId())
                .field("loinc", reading.metric().loinc());
        if (reading instanceof Observation observation) {
            json.field("value", observation.value() == null ? null : observation.value().toString());
        }
        json.field("unit", reading.unit().ucum()).field("unitCode", reading.unit().mdcCode());
        if (reading instanceof Observation observation) {
            observation.deviceTimeIfKnown().ifPresent(time -> json.field("deviceTime", time.toString()));
        } else if (reading instanceof WaveformSegment wave) {
            WaveScale scale = wave.scale();
            json.field("samplePeriodNanos", wave.samplePeriod().toNanos())
                    .field("sampleCount", wave.sampleCount())
                    .name("scale").beginObject().field("rawLow", scale.rawLow()).field("rawHigh", scale.rawHigh())
                    .field("low", scale.low().toString()).field("high", scale.high().toString()).endObject()
                    .name("samples").beginArray();
            for (int i = 0; i < wave.sampleCount(); i++) {
                json.value(wave.sample(i));
            }
            json.endArray();
        }
        json.name("status").beginArray();
        for (StatusFlag flag : StatusFlag.values()) {
            if (reading.status().contains(flag)) {
                json.value(flag.name());
            }
        }
        json.endArray();
    }
}
