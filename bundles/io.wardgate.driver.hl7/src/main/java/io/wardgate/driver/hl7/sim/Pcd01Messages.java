package io.wardgate.driver.hl7.sim;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.v26.message.ORU_R01;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Builds IHE PCD-01 ORU^R01 v2.6 messages with HAPI's v2.6 model, laid out as the IHE PCD Technical
 * Framework vol. 2 examples (and shared/specs/nomenclature.md): MSH-9 ORU^R01^ORU_R01, MSH-15 AL,
 * MSH-16 NE, MSH-21 IHE_PCD_001; OBR-4 182777000^monitoring of patient^SCT; an MDS containment OBX
 * (1.0.0.0), then one OBX per metric with OBX-3 and OBX-6 in MDC, OBX-11 R, OBX-14 the time and
 * OBX-18 the device's EUI-64.
 */
final class Pcd01Messages {
    private static final DateTimeFormatter DTM = DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ").withZone(ZoneOffset.UTC);

    /** One numeric: MDC metric and unit, value text, abnormal flag ("" or H/L). */
    record Numeric(int code, String referenceId, int unitCode, String unitId, String value, String abnormal) {
    }

    private final HapiContext hapi = new DefaultHapiContext();
    private final String eui64;
    private final String application;

    Pcd01Messages(String application, String eui64) {
        this.application = application;
        this.eui64 = eui64;
        hapi.getParserConfiguration().setIdGenerator(new InMemoryIDGenerator());
    }

    String oru(String controlId, Instant at, List<Numeric> numerics) {
        try {
            ORU_R01 message = new ORU_R01(hapi.getModelClassFactory());
            message.setParser(hapi.getPipeParser());
            message.initQuickstart("ORU", "R01", "P");
            Terser t = new Terser(message);
            t.set("MSH-3-1", application);
            t.set("MSH-3-2", eui64);
            t.set("MSH-3-3", "EUI-64");
            t.set("MSH-4-1", "SIM-WARD");
            t.set("MSH-7", DTM.format(at));
            t.set("MSH-10", controlId);
            t.set("MSH-15", "AL");
            t.set("MSH-16", "NE");
            t.set("MSH-21-1", "IHE_PCD_001");
            t.set("MSH-21-2", "IHE PCD");
            t.set("MSH-21-3", "1.3.6.1.4.1.19376.1.6.1.1.1");
            t.set("MSH-21-4", "ISO");
            t.set("/PATIENT_RESULT/PATIENT/PID-3-1", "");
            String order = "/PATIENT_RESULT/ORDER_OBSERVATION/";
            t.set(order + "OBR-1", "1");
            t.set(order + "OBR-3-1", controlId);
            t.set(order + "OBR-3-3", eui64);
            t.set(order + "OBR-3-4", "EUI-64");
            t.set(order + "OBR-4-1", "182777000");
            t.set(order + "OBR-4-2", "monitoring of patient");
            t.set(order + "OBR-4-3", "SCT");
            t.set(order + "OBR-7", DTM.format(at));
            obx(t, order, 0, "69965", "MDC_DEV_MON_PHYSIO_MULTI_PARAM_MDS", "1.0.0.0");
            for (int i = 0; i < numerics.size(); i++) {
                Numeric n = numerics.get(i);
                String obx = order + "OBSERVATION(" + (i + 1) + ")/OBX-";
                obx(t, order, i + 1, Integer.toString(n.code()), n.referenceId(), "1.1.1." + (i + 1));
                t.set(obx + "2", "NM");
                t.set(obx + "5", n.value());
                t.set(obx + "6-1", Integer.toString(n.unitCode()));
                t.set(obx + "6-2", n.unitId());
                t.set(obx + "6-3", "MDC");
                t.set(obx + "8", n.abnormal());
                t.set(obx + "11", "R");
                t.set(obx + "14", DTM.format(at));
            }
            return hapi.getPipeParser().encode(message);
        } catch (HL7Exception | IOException e) {
            throw new IllegalStateException("PCD-01 message could not be built: " + e.getMessage(), e);
        }
    }

    private void obx(Terser t, String order, int index, String code, String referenceId, String containment)
            throws HL7Exception {
        String obx = order + "OBSERVATION(" + index + ")/OBX-";
        t.set(obx + "1", Integer.toString(index + 1));
        t.set(obx + "3-1", code);
        t.set(obx + "3-2", referenceId);
        t.set(obx + "3-3", "MDC");
        t.set(obx + "4", containment);
        t.set(obx + "18-1", eui64);
        t.set(obx + "18-3", eui64);
        t.set(obx + "18-4", "EUI-64");
    }

    /** MSA-1 of an acknowledgement, or empty when it is not one. */
    String acknowledgementCode(String er7) {
        try {
            return new Terser(hapi.getPipeParser().parse(er7)).get("MSA-1");
        } catch (HL7Exception | RuntimeException e) {
            return "";
        }
    }
}
