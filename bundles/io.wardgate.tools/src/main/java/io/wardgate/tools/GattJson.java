package io.wardgate.tools;

import io.wardgate.api.Observation;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.driver.GattResult;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link GattResult} as one JSON object, for the command line and logs of tests. Numbers keep the
 * device's precision ("37.60" stays 37.60). A measurement:
 * {@code {"characteristic":"2A37","name":"...","deviceTime":null,"observations":[...],"details":{...}}};
 * an error: {@code {"characteristic":"2A35","name":"...","error":{"field":"systolic","message":"..."}}}.
 */
final class GattJson {
    private GattJson() {
    }

    static String toJson(GattResult result) {
        StringBuilder json = new StringBuilder(256);
        json.append("{\"characteristic\":").append(quote(result.characteristic()));
        json.append(",\"name\":").append(quote(result.name()));
        if (result instanceof GattResult.GattError error) {
            json.append(",\"error\":{\"field\":").append(quote(error.field()));
            json.append(",\"message\":").append(quote(error.message())).append("}}");
            return json.toString();
        }
        GattResult.GattMeasurement measurement = (GattResult.GattMeasurement) result;
        json.append(",\"deviceTime\":").append(measurement.deviceTime() == null ? "null"
                : quote(measurement.deviceTime().toString()));
        json.append(",\"observations\":[");
        Iterator<Observation> observations = measurement.observations().iterator();
        while (observations.hasNext()) {
            observation(json, observations.next());
            if (observations.hasNext()) {
                json.append(',');
            }
        }
        json.append("],\"details\":{");
        Iterator<Map.Entry<String, String>> details = measurement.details().entrySet().iterator();
        while (details.hasNext()) {
            Map.Entry<String, String> detail = details.next();
            json.append(quote(detail.getKey())).append(':').append(quote(detail.getValue()));
            if (details.hasNext()) {
                json.append(',');
            }
        }
        return json.append("}}").toString();
    }

    private static void observation(StringBuilder json, Observation observation) {
        json.append("{\"mdc\":").append(observation.metric().mdcCode());
        json.append(",\"metric\":").append(quote(observation.metric().referenceId()));
        json.append(",\"loinc\":").append(quote(observation.metric().loinc()));
        json.append(",\"value\":").append(observation.value() == null ? "null" : observation.value().toString());
        json.append(",\"unit\":").append(quote(observation.unit().ucum()));
        json.append(",\"mdcUnit\":").append(observation.unit().mdcCode());
        json.append(",\"status\":[");
        Iterator<StatusFlag> flags = observation.status().iterator();
        while (flags.hasNext()) {
            json.append(quote(flags.next().name()));
            if (flags.hasNext()) {
                json.append(',');
            }
        }
        json.append("],\"deviceTime\":").append(observation.deviceTime() == null ? "null"
                : quote(observation.deviceTime().toString()));
        json.append(",\"receivedAt\":").append(quote(observation.receivedAt().toString())).append('}');
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> {
                    if (c < 0x20 || c > 0x7E) {
                        quoted.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
