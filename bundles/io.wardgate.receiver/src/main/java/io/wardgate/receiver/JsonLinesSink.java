package io.wardgate.receiver;

import io.wardgate.api.Decimal;
import io.wardgate.api.Observation;
import io.wardgate.api.Reading;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.WaveformSegment;
import io.wardgate.seal.envelope.Batch;
import io.wardgate.seal.envelope.OpenResult;
import io.wardgate.seal.envelope.SealTags;
import io.wardgate.shared.json.JsonWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.Objects;

/**
 * One JSON object per reading, one per line (JSON Lines), with the envelope's routing tags; values
 * keep the device's precision. Alarm changes follow as {@code "kind":"alarm"} lines ({@link AlarmLines}). Field list in docs/envelope.md ("Receiver (backend)").
 */
public final class JsonLinesSink implements ReadingSink {
    private final Writer out;

    public JsonLinesSink(Writer out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void write(OpenResult.Opened envelope) throws IOException {
        for (int i = 0; i < envelope.batch().readings().size(); i++) {
            out.write(line(envelope.tags(), envelope.batch(), i));
            out.write('\n');
        }
        for (int i = 0; i < envelope.batch().alarms().size(); i++) {
            out.write(AlarmLines.line(envelope.tags(), envelope.batch(), i));
            out.write('\n');
        }
        out.flush();
    }

    static String line(SealTags tags, Batch batch, int index) {
        Reading reading = batch.readings().get(index);
        JsonWriter json = envelopeFields(tags, batch, index)
                .field("kind", reading instanceof Observation ? "observation" : "waveform")
                .field("mdc", reading.metric().mdcCode()).field("metric", reading.metric().referenceId())
                .field("loinc", reading.metric().loinc()).field("ucum", reading.unit().ucum())
                .field("unitMdc", reading.unit().mdcCode()).field("unit", reading.unit().referenceId());
        json.name("status").beginArray();
        for (StatusFlag flag : reading.status()) {
            json.value(flag.name());
        }
        json.endArray();
        if (reading instanceof Observation o) {
            if (o.value() != null) {
                json.name("value").value(o.value().toBigDecimal());
            }
            if (o.deviceTime() != null) {
                json.field("deviceTime", o.deviceTime().toString());
            }
        } else {
            WaveformSegment w = (WaveformSegment) reading;
            json.field("start", w.start().toString()).field("periodNanos", w.samplePeriod().toNanos());
            json.name("scale").beginObject().field("rawLow", w.scale().rawLow()).field("rawHigh", w.scale().rawHigh())
                    .name("low").value(decimal(w.scale().low())).name("high").value(decimal(w.scale().high()))
                    .endObject();
            json.name("samples").beginArray();
            for (int s = 0; s < w.sampleCount(); s++) {
                json.value(w.sample(s));
            }
            json.endArray();
        }
        return json.field("receivedAt", reading.receivedAt().toString()).endObject().toString();
    }

    /** The fields every line has: routing tags, the item's index in the envelope, location and device. */
    static JsonWriter envelopeFields(SealTags tags, Batch batch, int index) {
        return new JsonWriter().beginObject()
                .field("gateway", tags.gatewayId()).field("device", tags.deviceId())
                .field("epoch", tags.epoch()).field("sequence", tags.sequence()).field("index", index)
                .field("sealedAt", tags.sealedAt().toString())
                .field("site", batch.location().site()).field("ward", batch.location().ward())
                .field("bed", batch.location().bed()).field("group", batch.group())
                .field("model", batch.device().model()).field("serialNumber", batch.device().serialNumber())
                .field("eui64", batch.device().eui64());
    }

    private static java.math.BigDecimal decimal(Decimal value) {
        return value.toBigDecimal();
    }
}
