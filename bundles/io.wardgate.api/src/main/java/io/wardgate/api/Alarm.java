package io.wardgate.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One change of a device alarm condition: raised, silenced, sounding again, or ended. A monitoring
 * aid: WardGate forwards what the device said; it is not an alarm system (docs/alarms.md).
 *
 * @param source the metric the condition is about (e.g. SpO2 for "SpO2 low"), or null for a
 *     condition about the device itself (low battery, sensor off) or when the device does not say
 * @param code the condition's code, stable across languages: an MDC reference id where known
 *     ({@code MDC_EVT_...}), otherwise the driver's {@code protocol:code}; empty when the device sends
 *     text only
 * @param text the condition as the device words it, at most 128 printable chars, never empty
 * @param priority the device's priority
 * @param state the state this report gives the condition
 * @param deviceTime the device's own time stamp, or null when it sent none
 * @param gatewayTime when the gateway received the report
 * @param status what is known about the report's times, set where it is learnt and never sent in the
 *     envelope (payload version 2 has no field for it): a receiver adds {@link StatusFlag#TIME_UNVERIFIED}
 *     when the gateway's clock notes cannot place the gateway time. Only flags that do not mean "no value"
 *     (an alarm has none); empty for every alarm a driver reports
 * @since api 1.4.0 (status)
 */
public record Alarm(Metric source, String code, String text, AlarmPriority priority, AlarmState state,
        Instant deviceTime, Instant gatewayTime, Set<StatusFlag> status) {
    public static final int MAX_TEXT = 128;
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_.:-]{0,64}");

    public Alarm {
        Checks.matches(code, "code", CODE, "up to 64 letters, digits, '_', '.', ':' or '-'");
        Checks.printable(text, "text", MAX_TEXT);
        if (text.isBlank()) {
            throw new IllegalArgumentException("an alarm needs a text");
        }
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(gatewayTime, "gatewayTime");
        status = Flags.copy(status);
        if (Flags.anyMeansNoValue(status)) {
            throw new IllegalArgumentException("an alarm has no value for " + status + " to qualify");
        }
    }

    /** An alarm change as a device reports it: no status. */
    public Alarm(Metric source, String code, String text, AlarmPriority priority, AlarmState state,
            Instant deviceTime, Instant gatewayTime) {
        this(source, code, text, priority, state, deviceTime, gatewayTime, Set.of());
    }

    public Optional<Metric> sourceIfKnown() {
        return Optional.ofNullable(source);
    }

    public Optional<Instant> deviceTimeIfKnown() {
        return Optional.ofNullable(deviceTime);
    }

    /** The same condition in another state. */
    public Alarm withState(AlarmState newState) {
        return new Alarm(source, code, text, priority, newState, deviceTime, gatewayTime, status);
    }

    /** The same condition, reported at another time. */
    public Alarm at(Instant newDeviceTime, Instant newGatewayTime) {
        return new Alarm(source, code, text, priority, state, newDeviceTime, newGatewayTime, status);
    }

    /** The same report with another status (e.g. {@link StatusFlag#TIME_UNVERIFIED} added by a receiver). */
    public Alarm withStatus(Set<StatusFlag> newStatus) {
        return new Alarm(source, code, text, priority, state, deviceTime, gatewayTime, newStatus);
    }

    /** What identifies the condition across reports: its source metric and its code (or text without one). */
    public String conditionKey() {
        return (source == null ? "" : source.mdcCode() + "/") + (code.isEmpty() ? "text:" + text : code);
    }
}
