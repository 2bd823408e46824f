package io.wardgate.receiver;

import io.wardgate.api.Alarm;
import io.wardgate.api.AlarmPriority;
import io.wardgate.api.AlarmState;
import io.wardgate.shared.json.JsonWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Typed alarm changes ({@link Alarm}) as FHIR R4 Observations shaped like the in-alarm Observation of a
 * flagged reading, so that a backend reads both the same way: code MDC_EVT_ALARM, the source metric,
 * the state and inactivation state as MDC attribute components, plus what only a typed alarm has:
 * its priority and the device's condition (code and text) as the value. A monitoring aid, not an
 * alarm system (docs/alarms.md).
 *
 * <p>Vocabulary, and where it comes from: the attribute codes (MDC_ATTR_ALERT_SOURCE 68480,
 * MDC_ATTR_ALARM_STATE 68482, MDC_ATTR_ALARM_INACTIVATION_STATE 68483, MDC_ATTR_ALARM_PRIORITY 68484)
 * are the IEEE 11073-10101 terms IHE PCD's Alarm Communication Management (PCD-04) reports use in
 * their alarm observations. The alarm state follows the same reports: {@code active} while the
 * condition is present (silenced included: silencing stops the signal, not the condition), and
 * {@code inactive} once it has ended; {@code off} would say the device's alarm is switched off, which
 * no device reports to WardGate. A silenced alarm gets the inactivation state {@code inhibited}, as the
 * flagged reading's alarm does (IEEE 11073-10201's alert state "inhibited"): devices do not say which
 * of ACM's finer states (audio paused, acknowledged, ...) it was. The priority is coded in FHIR's own
 * code system for it, http://hl7.org/fhir/flag-priority-code, which FHIR derives from IHE PCD's
 * alert-priority table (PH, PM, PL, and PN "no alarm" for an information signal).
 */
final class FhirAlarms {
    static final int MDC_ATTR_ALARM_PRIORITY = 68484;
    static final String FLAG_PRIORITY = "http://hl7.org/fhir/flag-priority-code";
    /** The device's condition code as WardGate carries it ({@code protocol:code}, or an MDC reference id). */
    static final String ALARM_CODE = "urn:wardgate:alarm-code";

    private final FhirResources batch;

    FhirAlarms(FhirResources batch) {
        this.batch = batch;
    }

    /** One Observation per alarm change, in the batch's order. */
    List<FhirResource> resources(List<Alarm> alarms) {
        List<FhirResource> out = new ArrayList<>();
        for (int i = 0; i < alarms.size(); i++) {
            out.add(resource(i, alarms.get(i)));
        }
        return out;
    }

    private FhirResource resource(int index, Alarm alarm) {
        // "alarm-<i>" names the alarm of reading i; a typed change has a part of its own, so both can share a batch
        String identifier = batch.identifier("alarm-change-" + index);
        String about = alarm.source() == null ? "device" : batch.terms.display(alarm.source());
        JsonWriter json = batch.header(identifier, false, alarm.text() + ", " + about + ", "
                + name(alarm.priority()) + " priority, " + name(alarm.state()));
        json.name("code").beginObject().name("coding").beginArray();
        FhirResources.mdcCoding(json, FhirResources.MDC_EVT_ALARM, "MDC_EVT_ALARM");
        json.endArray().field("text", about + " alarm").endObject();
        batch.subjectAndDevice(json);
        Instant effective = alarm.deviceTime() != null ? alarm.deviceTime() : alarm.gatewayTime();
        json.field("effectiveDateTime", FhirResources.dateTime(effective));
        json.field("issued", FhirResources.dateTime(alarm.gatewayTime()));
        json.name("valueCodeableConcept").beginObject();
        if (!alarm.code().isEmpty()) {
            json.name("coding").beginArray().beginObject().field("system", ALARM_CODE).field("code", alarm.code())
                    .endObject().endArray();
        }
        json.field("text", alarm.text()).endObject();
        json.name("component").beginArray();
        if (alarm.source() != null) {
            json.beginObject().name("code").beginObject().name("coding").beginArray();
            FhirResources.mdcCoding(json, FhirResources.MDC_ATTR_ALERT_SOURCE, "MDC_ATTR_ALERT_SOURCE");
            json.endArray().endObject().name("valueCodeableConcept");
            batch.codeableConcept(json, alarm.source());
            json.endObject();
        }
        FhirResources.stringComponent(json, FhirResources.MDC_ATTR_ALARM_STATE, "MDC_ATTR_ALARM_STATE",
                alarm.state() == AlarmState.ENDED ? "inactive" : "active");
        if (alarm.state() == AlarmState.SILENCED) {
            FhirResources.stringComponent(json, FhirResources.MDC_ATTR_ALARM_INACTIVATION_STATE,
                    "MDC_ATTR_ALARM_INACTIVATION_STATE", "inhibited");
        }
        json.beginObject().name("code").beginObject().name("coding").beginArray();
        FhirResources.mdcCoding(json, MDC_ATTR_ALARM_PRIORITY, "MDC_ATTR_ALARM_PRIORITY");
        json.endArray().endObject().name("valueCodeableConcept").beginObject().name("coding").beginArray()
                .beginObject().field("system", FLAG_PRIORITY).field("code", priorityCode(alarm.priority()))
                .field("display", priorityDisplay(alarm.priority())).endObject().endArray()
                .field("text", name(alarm.priority())).endObject().endObject();
        json.endArray();
        // the receiver's time flag (TIME_UNVERIFIED) in a note, as on readings
        FhirResources.note(json, alarm.status());
        return new FhirResource(identifier, json.endObject().toString());
    }

    /** The flag-priority code: IEC 60601-1-8's priorities, and PN for an information signal (not an alarm). */
    static String priorityCode(AlarmPriority priority) {
        return switch (priority) {
            case HIGH -> "PH";
            case MEDIUM -> "PM";
            case LOW -> "PL";
            case INFO -> "PN";
        };
    }

    private static String priorityDisplay(AlarmPriority priority) {
        return switch (priority) {
            case HIGH -> "High priority";
            case MEDIUM -> "Medium priority";
            case LOW -> "Low priority";
            case INFO -> "No alarm";
        };
    }

    private static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
