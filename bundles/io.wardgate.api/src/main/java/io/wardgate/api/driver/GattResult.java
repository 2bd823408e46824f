package io.wardgate.api.driver;

import io.wardgate.api.Observation;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** What one characteristic value decoded to: a measurement, or an error naming what is malformed. */
public sealed interface GattResult {

    /** The characteristic's 16-bit UUID as four upper-case hex digits, e.g. "2A37". */
    String characteristic();

    /** The characteristic's name, e.g. "Heart Rate Measurement". */
    String name();

    /**
     * A decoded measurement.
     *
     * @param observations the readings, in the order of the fields; may be empty (a glucose record
     *        without a concentration)
     * @param deviceTime the time stamp the device sent, or null when it sent none
     * @param details everything else the value said (flags, user id, sequence number, status words,
     *        fields that are not readings), as printable strings, sorted by key
     */
    record GattMeasurement(String characteristic, String name, List<Observation> observations,
            GattDateTime deviceTime, Map<String, String> details) implements GattResult {
        public GattMeasurement {
            Objects.requireNonNull(characteristic, "characteristic");
            Objects.requireNonNull(name, "name");
            observations = List.copyOf(observations);
            details = java.util.Collections.unmodifiableMap(new TreeMap<>(details));
        }
    }

    /**
     * A value that could not be decoded.
     *
     * @param field the field that is malformed, e.g. "systolic", "timestamp.month", "value"
     * @param message what is wrong with it, e.g. "too short: needs bytes 1..2, the value has 1 byte"
     */
    record GattError(String characteristic, String name, String field, String message) implements GattResult {
        public GattError {
            Objects.requireNonNull(characteristic, "characteristic");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(message, "message");
        }

        /** One line for logs and device events, e.g. "2A35 Blood Pressure Measurement: systolic: too short ...". */
        public String describe() {
            return characteristic + " " + name + ": " + field + ": " + message;
        }
    }
}
