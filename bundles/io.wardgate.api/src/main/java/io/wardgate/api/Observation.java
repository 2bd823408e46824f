package io.wardgate.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A numeric observation. Either it carries a value, or its status says why not (a flag whose
 * {@link StatusFlag#meansNoValue()} is true): never both, never neither.
 *
 * @param metric what was measured
 * @param unit the unit the device reported
 * @param value the value with the device's precision, or null when the status says there is none
 * @param status what the device said about the value
 * @param deviceTime the device's own time stamp, or null when it sent none
 * @param receivedAt when the gateway received it
 */
public record Observation(Metric metric, Unit unit, Decimal value, Set<StatusFlag> status, Instant deviceTime,
        Instant receivedAt) implements Reading {

    public Observation {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(receivedAt, "receivedAt");
        status = Flags.copy(status);
        boolean noValue = Flags.anyMeansNoValue(status);
        if (value == null && !noValue) {
            throw new IllegalArgumentException("an observation without a value needs a status saying why: " + status);
        }
        if (value != null && noValue) {
            throw new IllegalArgumentException("a value flagged " + status + " is not a clinical value; send the status alone");
        }
    }

    /** A clinical value for a vital sign in the table's unit. */
    public static Observation of(VitalSign sign, Decimal value, Set<StatusFlag> status, Instant receivedAt) {
        return new Observation(sign.metric(), sign.unit(), Objects.requireNonNull(value, "value"), status, null,
                receivedAt);
    }

    /** A reading whose status says it carries no value. */
    public static Observation absent(Metric metric, Unit unit, Set<StatusFlag> status, Instant receivedAt) {
        return new Observation(metric, unit, null, status, null, receivedAt);
    }

    public Optional<Decimal> valueIfPresent() {
        return Optional.ofNullable(value);
    }

    public Optional<Instant> deviceTimeIfKnown() {
        return Optional.ofNullable(deviceTime);
    }

    public Observation withDeviceTime(Instant time) {
        return new Observation(metric, unit, value, status, time, receivedAt);
    }

    public Observation withStatus(Set<StatusFlag> newStatus) {
        return new Observation(metric, unit, value, newStatus, deviceTime, receivedAt);
    }
}
