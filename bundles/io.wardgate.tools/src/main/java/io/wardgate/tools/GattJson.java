package io.wardgate.tools;

import io.wardgate.api.Observation;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.driver.GattResult;
import io.wardgate.shared.json.JsonWriter;
import java.util.Map;

/**
 * A {@link GattResult} as one JSON object, for the command line and logs of tests. Numbers keep the
 * device's precision ("37.60" stays 37.60). A measurement:
 * {@code {"characteristic":"2A37","name":"...","deviceTime":null,"observations":[...],"details":{...}}};
 * an error: {@code {"characteristic":"2A35","name":"...","error":{"field":"systolic","message":"..."}}}.
 * Printable ASCII only, every control character as a unicode escape.
 */
final class GattJson {
    private GattJson() {
    }

    static String toJson(GattResult result) {
        JsonWriter json = new JsonWriter(JsonWriter.Escaping.ASCII_UNICODE_CONTROLS).beginObject()
                .field("characteristic", result.characteristic()).field("name", result.name());
        if (result instanceof GattResult.GattError error) {
            return json.name("error").beginObject().field("field", error.field()).field("message", error.message())
                    .endObject().endObject().toString();
        }
        GattResult.GattMeasurement measurement = (GattResult.GattMeasurement) result;
        json.field("deviceTime", measurement.deviceTime() == null ? null : measurement.deviceTime().toString());
        json.name("observations").beginArray();
        for (Observation observation : measurement.observations()) {
            observation(json, observation);
        }
        json.endArray().name("details").beginObject();
        for (Map.Entry<String, String> detail : measurement.details().entrySet()) {
            json.field(detail.getKey(), detail.getValue());
        }
        return json.endObject().endObject().toString();
    }

    private static void observation(JsonWriter json, Observation observation) {
        json.beginObject().field("mdc", observation.metric().mdcCode())
                .field("metric", observation.metric().referenceId())
                .field("loinc", observation.metric().loinc())
                .name("value").raw(observation.value() == null ? "null" : observation.value().toString())
                .field("unit", observation.unit().ucum())
                .field("mdcUnit", observation.unit().mdcCode())
                .name("status").beginArray();
        for (StatusFlag flag : observation.status()) {
            json.value(flag.name());
        }
        json.endArray()
                .field("deviceTime", observation.deviceTime() == null ? null : observation.deviceTime().toString())
                .field("receivedAt", observation.receivedAt().toString()).endObject();
    }
}
