package io.wardgate.receiver.pcd01;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.v26.message.ORU_R01;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import io.wardgate.api.Metric;
import io.wardgate.api.Observation;
import io.wardgate.api.Reading;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.Unit;
import io.wardgate.api.nomenclature.Nomenclature;
import io.wardgate.seal.envelope.Batch;
import io.wardgate.seal.envelope.KeyIds;
import io.wardgate.seal.envelope.SealTags;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * IHE PCD-01 (Communicate PCD Data) messages: HL7 v2.6 ORU^R01 built with HAPI's v2.6 model, one per
 * envelope. PID carries no patient (the gateway knows none), PV1 the bed; OBR-3 names the batch and
 * the device's EUI-64; OBX-4 places each metric in the MDS.VMD.CHAN.METRIC containment tree; OBX-3
 * is the MDC code (LOINC as alternate), OBX-6 the MDC unit with UCUM as alternate; OBX-14 is the
 * device's time, OBX-19 the gateway's; OBX-18 the device's EUI-64. Waveforms are not sent (see
 * docs/integration.md); values without a number go as status X with the reason in an NTE.
 */
public final class Pcd01Messages {
    static final String MDC = "MDC";
    static final String PROFILE = "IHE_PCD_001";
    static final String PROFILE_OID = "1.3.6.1.4.1.19376.1.6.1.1.1";
    private static final DateTimeFormatter DTM = DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSSZ")
            .withZone(ZoneOffset.UTC);
    /** Containment codes seen in public PCD-01 examples, by metric family (others get no VMD/CHAN segment). */
    private static final Map<String, String[]> CONTAINERS = Map.of(
            "MDC_ECG_", new String[] {"70666", "MDC_DEV_ECG_RESP_VMD", "70739", "MDC_DEV_CARD_RATE_CHAN"},
            "MDC_PRESS_BLD", new String[] {"69854", "MDC_DEV_METER_PRESS_BLD_VMD", "69855", "MDC_DEV_METER_PRESS_BLD_CHAN"});
    private static final String[] MDS = {"69965", "MDC_DEV_MON_PHYSIO_MULTI_PARAM_MDS"};

    /** Where the messages say they come from and go to (MSH-3 to MSH-6). */
    public record Addressing(String sendingApplication, String receivingApplication, String receivingFacility) {
        public Addressing {
            Objects.requireNonNull(sendingApplication, "sendingApplication");
            Objects.requireNonNull(receivingApplication, "receivingApplication");
            Objects.requireNonNull(receivingFacility, "receivingFacility");
        }
    }

    private final HapiContext hapi;
    private final Addressing addressing;

    public Pcd01Messages(Addressing addressing) {
        this.addressing = Objects.requireNonNull(addressing, "addressing");
        this.hapi = new DefaultHapiContext();
        hapi.setValidationContext(ValidationContextFactory.defaultValidation());
        // HAPI's default control-id generator writes a file in the working directory; MSH-10 is ours anyway.
        hapi.getParserConfiguration().setIdGenerator(new ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator());
    }

    /**
     * The message for one envelope, encoded (ER7, segments ended by CR); empty when it holds only waveforms
     * or only alarm changes. Alarm changes are never encoded: their IHE transaction (PCD-04, ORU^R40) came
     * with HL7 v2.7 and HAPI's v2.6 structures have no such message, so they reach engines by FHIR only.
     */
    public java.util.Optional<String> encode(SealTags tags, Batch batch) {
        List<Observation> numerics = new ArrayList<>();
        for (Reading reading : batch.readings()) {
            // Named by the nomenclature table: a driver's placeholder (MDC_IV_..., {mdc-dim-...}) never goes out.
            if (Nomenclature.standard().resolve(reading) instanceof Observation o) {
                numerics.add(o);
            }
        }
        if (numerics.isEmpty()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(hapi.getPipeParser().encode(build(tags, batch, numerics)));
        } catch (HL7Exception | java.io.IOException e) {
            throw new IllegalStateException("PCD-01 message could not be built: " + e.getMessage(), e);
        }
    }

    ORU_R01 build(SealTags tags, Batch batch, List<Observation> numerics) throws HL7Exception, java.io.IOException {
        ORU_R01 message = new ORU_R01(hapi.getModelClassFactory());
        message.setParser(hapi.getPipeParser());
        message.initQuickstart("ORU", "R01", "P");
        Terser t = new Terser(message);
        t.set("MSH-3-1", addressing.sendingApplication());
        t.set("MSH-3-2", tags.gatewayId());
        t.set("MSH-3-3", "L");
        t.set("MSH-4-1", batch.location().site());
        t.set("MSH-5-1", addressing.receivingApplication());
        t.set("MSH-6-1", addressing.receivingFacility());
        t.set("MSH-7", dtm(tags.sealedAt()));
        t.set("MSH-10", controlId(tags));
        t.set("MSH-15", "AL");
        t.set("MSH-16", "NE");
        t.set("MSH-18", "UNICODE UTF-8");
        t.set("MSH-21-1", PROFILE);
        t.set("MSH-21-2", "IHE PCD");
        t.set("MSH-21-3", PROFILE_OID);
        t.set("MSH-21-4", "ISO");
        String patient = "/PATIENT_RESULT/PATIENT/";
        t.set(patient + "PID-1", "1");
        t.set(patient + "VISIT/PV1-2", "U");
        t.set(patient + "VISIT/PV1-3-1", batch.location().ward());
        t.set(patient + "VISIT/PV1-3-3", batch.location().bed());
        t.set(patient + "VISIT/PV1-3-4-1", batch.location().site());
        String order = "/PATIENT_RESULT/ORDER_OBSERVATION/";
        String eui = batch.device().eui64();
        t.set(order + "OBR-1", "1");
        t.set(order + "OBR-3-1", controlId(tags));
        t.set(order + "OBR-3-2", addressing.sendingApplication());
        if (!eui.isEmpty()) {
            t.set(order + "OBR-3-3", eui);
            t.set(order + "OBR-3-4", "EUI-64");
        }
        t.set(order + "OBR-4-1", "182777000");
        t.set(order + "OBR-4-2", "monitoring of patient");
        t.set(order + "OBR-4-3", "SCT");
        Instant first = numerics.stream().map(Pcd01Messages::effective).min(Instant::compareTo).orElseThrow();
        Instant last = numerics.stream().map(Pcd01Messages::effective).max(Instant::compareTo).orElseThrow();
        t.set(order + "OBR-7", dtm(first));
        t.set(order + "OBR-8", dtm(last));

        Obx obx = new Obx(t, order, batch);
        obx.container(MDS[0], MDS[1], "1.0.0.0");
        Map<String, int[]> families = new LinkedHashMap<>();
        for (Observation o : numerics) {
            String family = family(o.metric());
            int[] place = families.get(family);
            if (place == null) {
                int vmd = families.size() + 1;
                String[] codes = CONTAINERS.get(family);
                if (codes != null) {
                    obx.container(codes[0], codes[1], "1." + vmd + ".0.0");
                    obx.container(codes[2], codes[3], "1." + vmd + ".1.0");
                }
                place = new int[] {vmd, 0};
                families.put(family, place);
            }
            place[1]++;
            obx.metric(o, "1." + place[0] + ".1." + place[1]);
        }
        return message;
    }

    /** Writes OBX segments (and an NTE where a status needs saying) one after another. */
    private static final class Obx {
        private final Terser t;
        private final String order;
        private final Batch batch;
        private int index;

        Obx(Terser t, String order, Batch batch) {
            this.t = t;
            this.order = order;
            this.batch = batch;
        }

        void container(String code, String referenceId, String place) throws HL7Exception {
            String obx = next();
            t.set(obx + "OBX-3-1", code);
            t.set(obx + "OBX-3-2", referenceId);
            t.set(obx + "OBX-3-3", MDC);
            t.set(obx + "OBX-4", place);
            t.set(obx + "OBX-11", "X");
            equipment(obx);
        }

        void metric(Observation o, String place) throws HL7Exception {
            String obx = next();
            Metric metric = o.metric();
            t.set(obx + "OBX-3-1", Integer.toString(metric.mdcCode()));
            t.set(obx + "OBX-3-2", metric.referenceId());
            t.set(obx + "OBX-3-3", MDC);
            if (!metric.loinc().isEmpty()) {
                t.set(obx + "OBX-3-4", metric.loinc());
                t.set(obx + "OBX-3-6", "LN");
            }
            t.set(obx + "OBX-4", place);
            unit(obx, o.unit());
            if (o.value() != null) {
                t.set(obx + "OBX-2", "NM");
                t.set(obx + "OBX-5", o.value().toString());
                t.set(obx + "OBX-11", "F");
            } else {
                t.set(obx + "OBX-11", "X");
            }
            if (o.status().contains(StatusFlag.IN_ALARM)) {
                t.set(obx + "OBX-8", "A");
            }
            t.set(obx + "OBX-14", dtm(effective(o)));
            t.set(obx + "OBX-19", dtm(o.receivedAt()));
            equipment(obx);
            if (!o.status().isEmpty()) {
                t.set(obx.replace("/OBX", "") + "NTE-3", "device status: "
                        + String.join(", ", o.status().stream().map(Enum::name).toList()));
            }
        }

        private void unit(String obx, Unit unit) throws HL7Exception {
            if (unit.mdcCode() > 0 && !unit.referenceId().isEmpty()) {
                t.set(obx + "OBX-6-1", Integer.toString(unit.mdcCode()));
                t.set(obx + "OBX-6-2", unit.referenceId());
                t.set(obx + "OBX-6-3", MDC);
                t.set(obx + "OBX-6-4", unit.ucum());
                t.set(obx + "OBX-6-5", unit.ucum());
                t.set(obx + "OBX-6-6", "UCUM");
            } else {
                t.set(obx + "OBX-6-1", unit.ucum());
                t.set(obx + "OBX-6-2", unit.ucum());
                t.set(obx + "OBX-6-3", "UCUM");
            }
        }

        private void equipment(String obx) throws HL7Exception {
            String eui = batch.device().eui64();
            if (!eui.isEmpty()) {
                t.set(obx + "OBX-18-1", eui);
                t.set(obx + "OBX-18-3", eui);
                t.set(obx + "OBX-18-4", "EUI-64");
            } else if (!batch.device().serialNumber().isEmpty()) {
                t.set(obx + "OBX-18-1", batch.device().serialNumber());
                t.set(obx + "OBX-18-2", batch.device().model().isEmpty() ? "WardGate" : batch.device().model());
            }
        }

        private String next() throws HL7Exception {
            String obx = order + "OBSERVATION(" + index + ")/";
            index++;
            t.set(obx + "OBX-1", Integer.toString(index));
            return obx;
        }
    }

    private static String family(Metric metric) {
        for (String prefix : CONTAINERS.keySet()) {
            if (metric.referenceId().startsWith(prefix)) {
                return prefix;
            }
        }
        String id = metric.referenceId();
        int second = id.indexOf('_', 4);
        return second > 0 ? id.substring(0, second + 1) : id;
    }

    /** A control id the same for the same envelope (engines can drop a repeat): hash of its routing tags. */
    static String controlId(SealTags tags) {
        String key = tags.gatewayId() + "/" + tags.deviceId() + "/" + tags.epoch() + "/" + tags.sequence();
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "WG" + KeyIds.hex(Arrays.copyOf(hash, 10)).toUpperCase(java.util.Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant effective(Observation o) {
        return o.deviceTime() != null ? o.deviceTime() : o.receivedAt();
    }

    static String dtm(Instant at) {
        return DTM.format(at);
    }
}
