package io.wardgate.receiver;

import io.wardgate.api.Observation;
import io.wardgate.api.Reading;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.VitalSign;
import io.wardgate.api.WaveformSegment;
import io.wardgate.api.time.ClockNote;
import io.wardgate.seal.envelope.Batch;
import io.wardgate.seal.envelope.SealTags;
import io.wardgate.shared.json.JsonWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The FHIR R4 resources for one batch (docs/integration.md, "Feeding a FHIR server"): one Observation per reading,
 * NIBP parts measured within {@link #PANEL_WINDOW} of each other as one panel, a waveform as
 * SampledData, an alarm Observation (code MDC_EVT_ALARM) for each reading the device flagged in
 * alarm, and one for each typed alarm change the batch carries ({@link FhirAlarms}). The subject is the bed (a Location), so no resource claims the vital-signs profiles, which
 * require a Patient: the backend adds them when it has associated the patient.
 */
final class FhirResources {
    static final String LOINC = "http://loinc.org";
    static final String MDC = "urn:iso:std:iso:11073:10101";
    static final String UCUM = "http://unitsofmeasure.org";
    static final String CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    static final String ABSENT = "http://terminology.hl7.org/CodeSystem/data-absent-reason";
    static final String EUI64 = "urn:oid:1.2.840.10004.1.1.1.0.0.1.0.0.1.2680";
    static final String READING_ID = "urn:wardgate:reading";
    static final String BED = "urn:wardgate:bed";
    static final String SITE = "urn:wardgate:site";
    /** NIBP parts this close in time are one measurement (a device may stamp them a few ms apart). */
    static final Duration PANEL_WINDOW = Duration.ofSeconds(2);
    /** Significant digits of a SampledData factor: far below one quantisation step even at 2^16 raw. */
    static final MathContext FACTOR_DIGITS = new MathContext(9, RoundingMode.HALF_EVEN);
    static final int MDC_EVT_ALARM = 196616;
    static final int MDC_ATTR_ALERT_SOURCE = 68480;
    static final int MDC_ATTR_ALARM_STATE = 68482;
    static final int MDC_ATTR_ALARM_INACTIVATION_STATE = 68483;
    private static final List<VitalSign> BP_PARTS = List.of(VitalSign.NIBP_SYSTOLIC, VitalSign.NIBP_DIASTOLIC,
            VitalSign.NIBP_MEAN);

    private final SealTags tags;
    private final Batch batch;
    final Terms terms;

    private FhirResources(SealTags tags, Batch batch, Terms terms) {
        this.tags = tags;
        this.batch = batch;
        this.terms = terms;
    }

    /** The resources for one batch, in reading order (a panel where its first part was). */
    static List<FhirResource> of(SealTags tags, Batch batch, Terms terms) {
        return new FhirResources(tags, terms.resolve(batch), terms).build();
    }

    private List<FhirResource> build() {
        List<Reading> readings = batch.readings();
        List<List<Integer>> panels = new ArrayList<>();
        int[] panelOf = new int[readings.size()];
        java.util.Arrays.fill(panelOf, -1);
        for (int i = 0; i < readings.size(); i++) {
            if (readings.get(i) instanceof Observation o && bpPart(o) != null) {
                panelOf[i] = join(panels, i, o);
            }
        }
        List<FhirResource> out = new ArrayList<>();
        List<FhirResource> alarms = new ArrayList<>();
        for (int i = 0; i < readings.size(); i++) {
            String id;
            if (panelOf[i] >= 0) {
                List<Integer> parts = panels.get(panelOf[i]);
                id = panelId(parts);
                if (parts.get(0) == i) {
                    out.add(panel(parts));
                }
            } else {
                id = identifier(Integer.toString(i));
                out.add(single(i));
            }
            if (readings.get(i) instanceof Observation o && o.status().contains(StatusFlag.IN_ALARM)) {
                alarms.add(alarm(i, o, id));
            }
        }
        out.addAll(alarms);
        if (!ClockNote.DEVICE_ID.equals(batch.device().id())) {
            // a gateway's clock notes are the receiver's own input (GatewayClocks), not a device's alarms, and
            // their device time is a moment of the old timeline, not when something was observed: JSON lines only
            out.addAll(new FhirAlarms(this).resources(batch.alarms()));
        }
        return out;
    }

    /** Joins the reading to an open panel that lacks its part and began within the window, else opens one. */
    private int join(List<List<Integer>> panels, int index, Observation o) {
        Instant at = effective(o);
        for (int p = 0; p < panels.size(); p++) {
            List<Integer> parts = panels.get(p);
            Observation first = (Observation) batch.readings().get(parts.get(0));
            boolean near = Duration.between(effective(first), at).abs().compareTo(PANEL_WINDOW) <= 0;
            boolean lacks = parts.stream().noneMatch(i -> bpPart((Observation) batch.readings().get(i)) == bpPart(o));
            if (near && lacks) {
                parts.add(index);
                return p;
            }
        }
        panels.add(new ArrayList<>(List.of(index)));
        return panels.size() - 1;
    }

    private static VitalSign bpPart(Observation o) {
        for (VitalSign part : BP_PARTS) {
            if (part.metric().mdcCode() == o.metric().mdcCode()) {
                return part;
            }
        }
        return null;
    }

    /** The deterministic identifier value: gateway, device, boot epoch, sequence, part of the batch. */
    String identifier(String part) {
        return tags.gatewayId() + "/" + tags.deviceId() + "/" + tags.epoch() + "/" + tags.sequence() + "/" + part;
    }

    private String panelId(List<Integer> parts) {
        StringBuilder id = new StringBuilder("bp");
        parts.stream().sorted().forEach(i -> id.append('-').append(i));
        return identifier(id.toString());
    }

    private FhirResource single(int index) {
        Reading reading = batch.readings().get(index);
        String identifier = identifier(Integer.toString(index));
        JsonWriter json = header(identifier, reading instanceof Observation && terms.isVitalSign(reading.metric()),
                summary(reading));
        code(json, reading.metric());
        subjectAndDevice(json);
        if (reading instanceof Observation o) {
            json.field("effectiveDateTime", dateTime(effective(o)));
            json.field("issued", dateTime(o.receivedAt()));
            valueOrAbsent(json, o);
        } else {
            WaveformSegment w = (WaveformSegment) reading;
            json.field("effectiveDateTime", dateTime(w.start()));
            json.field("issued", dateTime(w.receivedAt()));
            sampledData(json, w);
        }
        note(json, reading.status());
        return new FhirResource(identifier, json.endObject().toString());
    }

    private FhirResource panel(List<Integer> indexes) {
        List<Observation> parts = new ArrayList<>();
        indexes.forEach(i -> parts.add((Observation) batch.readings().get(i)));
        Observation earliest = parts.stream().min((a, b) -> effective(a).compareTo(effective(b))).orElseThrow();
        String identifier = panelId(indexes);
        JsonWriter json = header(identifier, true, terms.display(VitalSign.NIBP.metric()));
        code(json, VitalSign.NIBP.metric());
        subjectAndDevice(json);
        json.field("effectiveDateTime", dateTime(effective(earliest)));
        json.field("issued", dateTime(earliest.receivedAt()));
        json.name("component").beginArray();
        for (VitalSign part : BP_PARTS) {
            Observation found = parts.stream().filter(o -> bpPart(o) == part).findFirst().orElse(null);
            if (found == null && part == VitalSign.NIBP_MEAN) {
                continue;
            }
            json.beginObject();
            code(json, part.metric());
            if (found == null) {
                // The bp profile requires systolic and diastolic once declared: a missing one is "unknown".
                absent(json, "unknown", "not in this measurement");
            } else {
                valueOrAbsent(json, found);
            }
            json.endObject();
        }
        json.endArray();
        Set<StatusFlag> flags = EnumSet.noneOf(StatusFlag.class);
        parts.forEach(o -> flags.addAll(o.status()));
        note(json, flags);
        return new FhirResource(identifier, json.endObject().toString());
    }

    /**
     * An alarm as an Observation coded MDC_EVT_ALARM: source metric, state and (when inhibited) the
     * inactivation state as components, as IHE PCD's alert reports carry them; derivedFrom points at
     * the reading's own Observation by its identifier.
     */
    private FhirResource alarm(int index, Observation o, String sourceIdentifier) {
        String identifier = identifier("alarm-" + index);
        JsonWriter json = header(identifier, false, terms.display(o.metric()) + " alarm active");
        json.name("code").beginObject().name("coding").beginArray();
        mdcCoding(json, MDC_EVT_ALARM, "MDC_EVT_ALARM");
        json.endArray().field("text", terms.display(o.metric()) + " alarm").endObject();
        subjectAndDevice(json);
        json.field("effectiveDateTime", dateTime(effective(o)));
        json.field("issued", dateTime(o.receivedAt()));
        json.name("derivedFrom").beginArray().beginObject().name("identifier").beginObject()
                .field("system", READING_ID).field("value", sourceIdentifier).endObject().endObject().endArray();
        json.name("component").beginArray();
        json.beginObject().name("code").beginObject().name("coding").beginArray();
        mdcCoding(json, MDC_ATTR_ALERT_SOURCE, "MDC_ATTR_ALERT_SOURCE");
        json.endArray().endObject();
        json.name("valueCodeableConcept");
        codeableConcept(json, o.metric());
        json.endObject();
        stringComponent(json, MDC_ATTR_ALARM_STATE, "MDC_ATTR_ALARM_STATE", "active");
        if (o.status().contains(StatusFlag.ALARM_INHIBITED)) {
            stringComponent(json, MDC_ATTR_ALARM_INACTIVATION_STATE, "MDC_ATTR_ALARM_INACTIVATION_STATE", "inhibited");
        }
        json.endArray();
        // the alarm's times are the reading's: a flag on them goes with it
        note(json, timeFlags(o.status()));
        return new FhirResource(identifier, json.endObject().toString());
    }

    static void stringComponent(JsonWriter json, int code, String referenceId, String value) {
        json.beginObject().name("code").beginObject().name("coding").beginArray();
        mdcCoding(json, code, referenceId);
        json.endArray().endObject().field("valueString", value).endObject();
    }

    JsonWriter header(String identifier, boolean vitalSign, String summary) {
        JsonWriter json = new JsonWriter().beginObject().field("resourceType", "Observation")
                .field("id", FhirResource.logicalId(identifier));
        json.name("text").beginObject().field("status", "generated")
                .field("div", "<div xmlns=\"http://www.w3.org/1999/xhtml\">" + xhtml(summary + ", bed "
                        + batch.location() + ", " + identifier) + "</div>").endObject();
        json.name("identifier").beginArray().beginObject().field("system", READING_ID).field("value", identifier)
                .endObject().endArray();
        json.field("status", "final");
        if (vitalSign) {
            json.name("category").beginArray().beginObject().name("coding").beginArray().beginObject()
                    .field("system", CATEGORY).field("code", "vital-signs").field("display", "Vital Signs")
                    .endObject().endArray().endObject().endArray();
        }
        return json;
    }

    private void code(JsonWriter json, io.wardgate.api.Metric metric) {
        json.name("code");
        codeableConcept(json, metric);
    }

    void codeableConcept(JsonWriter json, io.wardgate.api.Metric metric) {
        json.beginObject().name("coding").beginArray();
        if (!metric.loinc().isEmpty()) {
            json.beginObject().field("system", LOINC).field("code", metric.loinc()).endObject();
        }
        mdcCoding(json, metric.mdcCode(), metric.referenceId());
        json.endArray().field("text", terms.display(metric)).endObject();
    }

    static void mdcCoding(JsonWriter json, int code, String referenceId) {
        json.beginObject().field("system", MDC).field("code", Integer.toString(code)).field("display", referenceId)
                .endObject();
    }

    /**
     * The bed as subject (a logical Location reference), the hospital site as performer (the
     * organisation whose device observed: Observation.performer cannot name a Device), the device.
     */
    void subjectAndDevice(JsonWriter json) {
        json.name("subject").beginObject().field("type", "Location").name("identifier").beginObject()
                .field("system", BED).field("value", batch.location().toString()).endObject()
                .field("display", "bed " + batch.location()).endObject();
        json.name("performer").beginArray().beginObject().field("type", "Organization").name("identifier")
                .beginObject().field("system", SITE).field("value", batch.location().site()).endObject()
                .endObject().endArray();
        boolean eui = !batch.device().eui64().isEmpty();
        json.name("device").beginObject().field("type", "Device").name("identifier").beginObject()
                .field("system", eui ? EUI64 : "urn:wardgate:device:" + tags.gatewayId())
                .field("value", eui ? batch.device().eui64() : tags.deviceId()).endObject();
        if (!batch.device().model().isEmpty()) {
            json.field("display", batch.device().model());
        }
        json.endObject();
    }

    private void valueOrAbsent(JsonWriter json, Observation o) {
        if (o.value() != null) {
            json.name("valueQuantity").beginObject().name("value").value(o.value().toBigDecimal())
                    .field("unit", terms.unitDisplay(o.unit())).field("system", UCUM).field("code", o.unit().ucum())
                    .endObject();
            return;
        }
        StatusFlag reason = o.status().stream().filter(StatusFlag::meansNoValue).findFirst().orElseThrow();
        absent(json, absentReason(reason), reason.name());
    }

    private static void absent(JsonWriter json, String code, String text) {
        json.name("dataAbsentReason").beginObject().name("coding").beginArray().beginObject()
                .field("system", ABSENT).field("code", code).endObject().endArray().field("text", text).endObject();
    }

    /** The data-absent-reason code for a status that means "no value". */
    static String absentReason(StatusFlag flag) {
        return switch (flag) {
            case INVALID -> "error";
            case UNAVAILABLE -> "unknown";
            case CALIBRATING, NOT_UPDATED -> "temp-unknown";
            case ABOVE_RANGE -> "positive-infinity";
            case BELOW_RANGE -> "negative-infinity";
            case TEST, DEMO -> "not-performed";
            default -> "unknown";
        };
    }

    private void sampledData(JsonWriter json, WaveformSegment w) {
        Scale scale = Scale.of(w);
        StringBuilder data = new StringBuilder(w.sampleCount() * 6);
        for (int i = 0; i < w.sampleCount(); i++) {
            data.append(i == 0 ? "" : " ").append(w.sample(i));
        }
        json.name("valueSampledData").beginObject()
                .name("origin").beginObject().name("value").value(scale.origin())
                .field("unit", terms.unitDisplay(w.unit())).field("system", UCUM).field("code", w.unit().ucum())
                .endObject()
                .name("period").value(BigDecimal.valueOf(w.samplePeriod().toNanos(), 6).stripTrailingZeros())
                .name("factor").value(scale.factor())
                .name("dimensions").value(1).field("data", data.toString()).endObject();
    }

    /**
     * physical = origin + factor * raw, in plain decimals of a few digits: the factor is rounded to
     * {@link #FACTOR_DIGITS} (span / raw span repeats, e.g. 10 mV / 4095), the origin to the factor's
     * last digit, so neither carries trailing zeros or a long tail.
     */
    record Scale(BigDecimal origin, BigDecimal factor) {
        static Scale of(WaveformSegment w) {
            BigDecimal low = w.scale().low().toBigDecimal();
            BigDecimal span = w.scale().high().toBigDecimal().subtract(low);
            BigDecimal factor = span.divide(BigDecimal.valueOf((long) w.scale().rawHigh() - w.scale().rawLow()),
                    FACTOR_DIGITS).stripTrailingZeros();
            BigDecimal origin = low.subtract(factor.multiply(BigDecimal.valueOf(w.scale().rawLow())))
                    .setScale(Math.max(0, Math.max(factor.scale(), low.scale())), RoundingMode.HALF_EVEN)
                    .stripTrailingZeros();
            return new Scale(plain(origin), plain(factor));
        }

        private static BigDecimal plain(BigDecimal value) {
            return value.scale() < 0 ? value.setScale(0) : value;
        }
    }

    private static Set<StatusFlag> timeFlags(Set<StatusFlag> flags) {
        Set<StatusFlag> time = java.util.EnumSet.noneOf(StatusFlag.class);
        for (StatusFlag flag : List.of(StatusFlag.TIME_UNVERIFIED, StatusFlag.DEVICE_CLOCK_OFF)) {
            if (flags.contains(flag)) {
                time.add(flag);
            }
        }
        return time;
    }

    static void note(JsonWriter json, Set<StatusFlag> flags) {
        List<String> remarks = new ArrayList<>();
        for (StatusFlag flag : flags) {
            if (!flag.meansNoValue()) {
                remarks.add(flag.name());
            }
        }
        if (!remarks.isEmpty()) {
            json.name("note").beginArray().beginObject().field("text", "device status: " + String.join(", ", remarks))
                    .endObject().endArray();
        }
    }

    private String summary(Reading reading) {
        String name = terms.display(reading.metric());
        if (reading instanceof Observation o) {
            return name + " " + (o.value() != null ? o.value() + " " + terms.unitDisplay(o.unit())
                    : "no value (" + o.status().stream().filter(StatusFlag::meansNoValue).findFirst().orElseThrow() + ")");
        }
        return name + " waveform, " + ((WaveformSegment) reading).sampleCount() + " samples";
    }

    /** Text for an XHTML narrative: markup characters escaped. */
    static String xhtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static Instant effective(Observation o) {
        return o.deviceTime() != null ? o.deviceTime() : o.receivedAt();
    }

    /** FHIR dateTime to the millisecond: servers and engines commonly keep no more. */
    static String dateTime(Instant at) {
        return at.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
