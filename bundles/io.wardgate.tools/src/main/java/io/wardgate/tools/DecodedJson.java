package io.wardgate.tools;

import io.wardgate.api.Observation;
import io.wardgate.api.Reading;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.WaveScale;
import io.wardgate.api.WaveformSegment;
import io.wardgate.api.driver.Decoded;
import java.util.Set;
import java.util.StringJoiner;

/**
 * One decoded item as one JSON object (docs/tools.md lists the fields). Values are strings so they
 * keep the device's precision ("98.0" is not "98"). Reception times are left out: in a replayed
 * capture they come from a synthetic clock and mean nothing; the byte offset is what locates an item.
 */
final class DecodedJson {
    private DecodedJson() {
    }

    static String of(Decoded item) {
        Json json = new Json().number("offset", item.offset());
        if (item instanceof Decoded.ReadingDecoded reading) {
            reading(reading.reading(), json);
        } else if (item instanceof Decoded.IdentityDecoded identity) {
            json.string("type", "identity").string("model", identity.model())
                    .string("serialNumber", identity.serialNumber()).string("eui64", identity.eui64());
        } else if (item instanceof Decoded.EventDecoded event) {
            json.string("type", "event").string("kind", event.kind().name()).string("detail", event.detail());
        } else if (item instanceof Decoded.FramingError error) {
            json.string("type", "framing_error").string("reason", error.reason());
        } else {
            json.string("type", "unknown").string("detail", item.toString());
        }
        return json.end();
    }

    private static void reading(Reading reading, Json json) {
        json.string("type", reading instanceof WaveformSegment ? "waveform" : "reading")
                .number("metric", reading.metric().mdcCode())
                .string("referenceId", reading.metric().referenceId())
                .string("loinc", reading.metric().loinc());
        if (reading instanceof Observation observation) {
            json.string("value", observation.value() == null ? null : observation.value().toString());
        }
        json.string("unit", reading.unit().ucum()).number("unitCode", reading.unit().mdcCode());
        if (reading instanceof Observation observation) {
            observation.deviceTimeIfKnown().ifPresent(time -> json.string("deviceTime", time.toString()));
        } else if (reading instanceof WaveformSegment wave) {
            json.number("samplePeriodNanos", wave.samplePeriod().toNanos())
                    .number("sampleCount", wave.sampleCount())
                    .raw("scale", scale(wave.scale()))
                    .raw("samples", samples(wave));
        }
        json.raw("status", status(reading.status()));
    }

    private static String status(Set<StatusFlag> flags) {
        StringJoiner joined = new StringJoiner(",", "[", "]");
        for (StatusFlag flag : StatusFlag.values()) {
            if (flags.contains(flag)) {
                joined.add(Json.quote(flag.name()));
            }
        }
        return joined.toString();
    }

    private static String scale(WaveScale scale) {
        return new Json().number("rawLow", scale.rawLow()).number("rawHigh", scale.rawHigh())
                .string("low", scale.low().toString()).string("high", scale.high().toString()).end();
    }

    private static String samples(WaveformSegment wave) {
        StringBuilder text = new StringBuilder(wave.sampleCount() * 6).append('[');
        for (int i = 0; i < wave.sampleCount(); i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(wave.sample(i));
        }
        return text.append(']').toString();
    }
}
