package io.wardgate.receiver;

import io.wardgate.api.Observation;
import io.wardgate.api.Reading;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.VitalSign;
import io.wardgate.api.WaveformSegment;
import io.wardgate.seal.envelope.Batch;
import io.wardgate.seal.envelope.KeyIds;
import io.wardgate.seal.envelope.OpenResult;
import io.wardgate.seal.envelope.SealTags;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * FHIR R4 Observations as NDJSON (one resource per line): the vital-signs profile with LOINC and
 * MDC codings, UCUM quantities, dataAbsentReason instead of a value when the status says there is
 * none, and blood pressure as a panel (85354-9) with systolic, diastolic (and mean) components.
 * Waveforms become SampledData. The gateway knows beds, not patients: {@code subject} is a logical
 * Location reference (the bed) that the backend replaces once it has associated the patient.
 */
public final class FhirObservationSink implements ReadingSink {
    static final String LOINC = "http://loinc.org";
    static final String MDC = "urn:iso:std:iso:11073:10101";
    static final String UCUM = "http://unitsofmeasure.org";
    static final String CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    static final String ABSENT = "http://terminology.hl7.org/CodeSystem/data-absent-reason";
    static final String VITALSIGNS = "http://hl7.org/fhir/StructureDefinition/vitalsigns";
    static final String BP_PROFILE = "http://hl7.org/fhir/StructureDefinition/bp";
    static final String EUI64 = "urn:oid:1.2.840.10004.1.1.1.0.0.1.0.0.1.2680";
    static final String READING_ID = "urn:wardgate:reading";
    private static final Set<Integer> BP_PARTS = Set.of(VitalSign.NIBP_SYSTOLIC.metric().mdcCode(),
            VitalSign.NIBP_DIASTOLIC.metric().mdcCode(), VitalSign.NIBP_MEAN.metric().mdcCode());

    private final Writer out;

    public FhirObservationSink(Writer out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void write(OpenResult.Opened envelope) throws IOException {
        for (String resource : resources(envelope.tags(), envelope.batch())) {
            out.write(resource);
            out.write('\n');
        }
        out.flush();
    }

    /** The resources for one batch: NIBP parts measured at the same time become one panel. */
    static List<String> resources(SealTags tags, Batch batch) {
        List<String> resources = new ArrayList<>();
        Map<Instant, List<Integer>> panels = new LinkedHashMap<>();
        List<Reading> readings = batch.readings();
        for (int i = 0; i < readings.size(); i++) {
            if (readings.get(i) instanceof Observation o && BP_PARTS.contains(o.metric().mdcCode())) {
                panels.computeIfAbsent(effective(o), t -> new ArrayList<>()).add(i);
            } else {
                resources.add(single(tags, batch, i));
            }
        }
        panels.values().forEach(indexes -> resources.add(panel(tags, batch, indexes)));
        return resources;
    }

    private static Instant effective(Observation o) {
        return o.deviceTime() != null ? o.deviceTime() : o.receivedAt();
    }

    private static String single(SealTags tags, Batch batch, int index) {
        Reading reading = batch.readings().get(index);
        boolean vital = !reading.metric().loinc().isEmpty() && reading instanceof Observation;
        Json json = header(tags, batch, String.valueOf(index), vital ? VITALSIGNS : null);
        code(json, reading.metric().loinc(), reading.metric().mdcCode(), reading.metric().referenceId());
        subjectAndDevice(json, tags, batch);
        if (reading instanceof Observation o) {
            json.field("effectiveDateTime", effective(o).toString());
            valueOrAbsent(json, o);
        } else {
            WaveformSegment w = (WaveformSegment) reading;
            json.field("effectiveDateTime", w.start().toString());
            sampledData(json, w);
        }
        note(json, reading.status());
        return json.endObject().toString();
    }

    private static String panel(SealTags tags, Batch batch, List<Integer> indexes) {
        Observation first = (Observation) batch.readings().get(indexes.get(0));
        StringBuilder ids = new StringBuilder("bp");
        indexes.forEach(i -> ids.append('-').append(i));
        Json json = header(tags, batch, ids.toString(), BP_PROFILE);
        code(json, VitalSign.NIBP.metric().loinc(), VitalSign.NIBP.metric().mdcCode(),
                VitalSign.NIBP.metric().referenceId());
        subjectAndDevice(json, tags, batch);
        json.field("effectiveDateTime", effective(first).toString());
        json.name("component").beginArray();
        for (VitalSign part : List.of(VitalSign.NIBP_SYSTOLIC, VitalSign.NIBP_DIASTOLIC, VitalSign.NIBP_MEAN)) {
            Observation found = null;
            for (int i : indexes) {
                Observation o = (Observation) batch.readings().get(i);
                if (o.metric().mdcCode() == part.metric().mdcCode()) {
                    found = o;
                }
            }
            if (found == null && part == VitalSign.NIBP_MEAN) {
                continue;
            }
            json.beginObject();
            code(json, part.metric().loinc(), part.metric().mdcCode(), part.metric().referenceId());
            if (found == null) {
                // The profile requires both systolic and diastolic: a missing one is said to be unknown.
                absent(json, "unknown", "not in this measurement");
            } else {
                valueOrAbsent(json, found);
            }
            json.endObject();
        }
        json.endArray();
        Set<StatusFlag> flags = java.util.EnumSet.noneOf(StatusFlag.class);
        indexes.forEach(i -> flags.addAll(batch.readings().get(i).status()));
        note(json, flags);
        return json.endObject().toString();
    }

    private static Json header(SealTags tags, Batch batch, String part, String profile) {
        String identifier = tags.gatewayId() + "/" + tags.deviceId() + "/" + tags.epoch() + "/" + tags.sequence()
                + "/" + part;
        Json json = new Json().beginObject().field("resourceType", "Observation")
                .field("id", "wg-" + KeyIds.hex(java.util.Arrays.copyOf(sha256(identifier), 16)));
        if (profile != null) {
            json.name("meta").beginObject().name("profile").beginArray().value(profile).endArray().endObject();
        }
        json.name("identifier").beginArray().beginObject().field("system", READING_ID).field("value", identifier)
                .endObject().endArray();
        json.field("status", "final");
        if (profile != null) {
            json.name("category").beginArray().beginObject().name("coding").beginArray().beginObject()
                    .field("system", CATEGORY).field("code", "vital-signs").field("display", "Vital Signs")
                    .endObject().endArray().endObject().endArray();
        }
        return json;
    }

    private static void code(Json json, String loinc, int mdc, String referenceId) {
        json.name("code").beginObject().name("coding").beginArray();
        if (!loinc.isEmpty()) {
            json.beginObject().field("system", LOINC).field("code", loinc).endObject();
        }
        json.beginObject().field("system", MDC).field("code", Integer.toString(mdc)).field("display", referenceId)
                .endObject().endArray().endObject();
    }

    private static void subjectAndDevice(Json json, SealTags tags, Batch batch) {
        json.name("subject").beginObject().field("type", "Location").name("identifier").beginObject()
                .field("system", "urn:wardgate:bed").field("value", batch.location().toString()).endObject()
                .endObject();
        boolean eui = !batch.device().eui64().isEmpty();
        json.name("device").beginObject().name("identifier").beginObject()
                .field("system", eui ? EUI64 : "urn:wardgate:device:" + tags.gatewayId())
                .field("value", eui ? batch.device().eui64() : tags.deviceId()).endObject();
        if (!batch.device().model().isEmpty()) {
            json.field("display", batch.device().model());
        }
        json.endObject();
    }

    private static void valueOrAbsent(Json json, Observation o) {
        if (o.value() != null) {
            json.name("valueQuantity").beginObject().name("value").value(o.value().toBigDecimal())
                    .field("unit", o.unit().ucum()).field("system", UCUM).field("code", o.unit().ucum()).endObject();
            return;
        }
        StatusFlag reason = o.status().stream().filter(StatusFlag::meansNoValue).findFirst().orElseThrow();
        absent(json, absentReason(reason), reason.name());
    }

    private static void absent(Json json, String code, String text) {
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

    private static void sampledData(Json json, WaveformSegment w) {
        BigDecimal low = w.scale().low().toBigDecimal();
        BigDecimal factor = w.scale().high().toBigDecimal().subtract(low)
                .divide(BigDecimal.valueOf((long) w.scale().rawHigh() - w.scale().rawLow()), MathContext.DECIMAL64);
        BigDecimal origin = low.subtract(factor.multiply(BigDecimal.valueOf(w.scale().rawLow()), MathContext.DECIMAL64));
        StringBuilder data = new StringBuilder(w.sampleCount() * 6);
        for (int i = 0; i < w.sampleCount(); i++) {
            data.append(i == 0 ? "" : " ").append(w.sample(i));
        }
        json.name("valueSampledData").beginObject()
                .name("origin").beginObject().name("value").value(origin).field("unit", w.unit().ucum())
                .field("system", UCUM).field("code", w.unit().ucum()).endObject()
                .name("period").value(BigDecimal.valueOf(w.samplePeriod().toNanos(), 6).stripTrailingZeros())
                .name("factor").value(factor.stripTrailingZeros())
                .name("dimensions").value(1).field("data", data.toString()).endObject();
    }

    private static void note(Json json, Set<StatusFlag> flags) {
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

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
