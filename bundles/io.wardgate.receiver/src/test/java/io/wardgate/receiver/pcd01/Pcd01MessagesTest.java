package io.wardgate.receiver.pcd01;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.v26.message.ORU_R01;
import ca.uhn.hl7v2.model.v26.segment.OBX;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import io.wardgate.api.Decimal;
import io.wardgate.api.Observation;
import io.wardgate.api.Reading;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.VitalSign;
import io.wardgate.seal.envelope.TestReadings;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The PCD-01 message, parsed back by HAPI with its default validation and read field by field
 * against the IHE PCD rules in nomenclature.md ("IHE PCD-01").
 */
class Pcd01MessagesTest {
    static final Pcd01Messages.Addressing ADDRESSING = new Pcd01Messages.Addressing("WardGate", "ENGINE", "HOSPITAL");

    static ORU_R01 parse(String er7) throws Exception {
        try (HapiContext hapi = new DefaultHapiContext()) {
            hapi.setValidationContext(ValidationContextFactory.defaultValidation());
            hapi.getParserConfiguration().setIdGenerator(new ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator());
            return (ORU_R01) hapi.getPipeParser().parse(er7);
        }
    }

    private static List<Reading> readings() {
        List<Reading> readings = new ArrayList<>(TestReadings.everyVitalSign());
        readings.add(Observation.absent(VitalSign.SPO2.metric(), VitalSign.SPO2.unit(), Set.of(StatusFlag.INVALID),
                TestReadings.T0));
        readings.add(Observation.of(VitalSign.HEART_RATE, Decimal.ofInteger(148), Set.of(StatusFlag.IN_ALARM),
                TestReadings.T0));
        readings.add(TestReadings.ecg(16));
        readings.add(new Observation(io.wardgate.api.Metric.mdc(0x20302, "MDC_IV_0302"),
                new io.wardgate.api.Unit("{mdc-dim-263442}", 263442, ""), Decimal.parse("0.1"), Set.of(), TestReadings.T0, TestReadings.T0));
        return readings;
    }

    @Test
    void anEnvelopeBecomesAnOruR01WithTheContainmentTree() throws Exception {
        String er7 = new Pcd01Messages(ADDRESSING).encode(TestReadings.tags(3, 17), TestReadings.batch(readings()))
                .orElseThrow();
        ORU_R01 message = parse(er7);
        Terser t = new Terser(message);
        assertThat(t.get("MSH-9-1") + "^" + t.get("MSH-9-2") + "^" + t.get("MSH-9-3")).isEqualTo("ORU^R01^ORU_R01");
        assertThat(t.get("MSH-12")).isEqualTo("2.6");
        assertThat(t.get("MSH-15")).isEqualTo("AL");
        assertThat(t.get("MSH-16")).isEqualTo("NE");
        assertThat(t.get("MSH-21-1")).isEqualTo("IHE_PCD_001");
        assertThat(t.get("MSH-21-3")).isEqualTo("1.3.6.1.4.1.19376.1.6.1.1.1");
        assertThat(t.get("MSH-3-2")).isEqualTo("wg-test-0001");
        // No patient: PID names nobody; PV1 carries the bed.
        assertThat(t.get("/PATIENT_RESULT/PATIENT/PID-3")).isNull();
        assertThat(t.get("/PATIENT_RESULT/PATIENT/PID-5")).isNull();
        assertThat(t.get("/PATIENT_RESULT/PATIENT/VISIT/PV1-3-1")).isEqualTo("icu-2");
        assertThat(t.get("/PATIENT_RESULT/PATIENT/VISIT/PV1-3-3")).isEqualTo("bed-12");
        assertThat(t.get("/PATIENT_RESULT/PATIENT/VISIT/PV1-3-4")).isEqualTo("st-marys");
        String order = "/PATIENT_RESULT/ORDER_OBSERVATION/";
        assertThat(t.get(order + "OBR-3-3")).isEqualTo(TestReadings.MONITOR.eui64());
        assertThat(t.get(order + "OBR-3-4")).isEqualTo("EUI-64");
        assertThat(t.get(order + "OBR-4-1")).isEqualTo("182777000");

        List<OBX> obx = new ArrayList<>();
        message.getPATIENT_RESULT().getORDER_OBSERVATION().getOBSERVATIONAll().forEach(o -> obx.add(o.getOBX()));
        assertThat(obx.get(0).getObservationSubID().getValue()).isEqualTo("1.0.0.0");
        assertThat(obx.get(0).getObservationIdentifier().getIdentifier().getValue()).isEqualTo("69965");
        List<String> places = obx.stream().map(o -> o.getObservationSubID().getValue()).toList();
        assertThat(places).allMatch(p -> p.matches("1\\.[0-9]+\\.[0-9]+\\.[0-9]+"));
        assertThat(places).doesNotHaveDuplicates();
        OBX spo2 = obx.stream().filter(o -> o.getObservationIdentifier().getIdentifier().getValue().equals("150456"))
                .findFirst().orElseThrow();
        assertThat(spo2.getObservationIdentifier().getNameOfCodingSystem().getValue()).isEqualTo("MDC");
        assertThat(spo2.getObservationIdentifier().getAlternateIdentifier().getValue()).isEqualTo("2708-6");
        assertThat(spo2.getValueType().getValue()).isEqualTo("NM");
        assertThat(spo2.getObservationValue(0).encode()).isEqualTo("98.0");
        assertThat(spo2.getUnits().getIdentifier().getValue()).isEqualTo("262688");
        assertThat(spo2.getUnits().getAlternateIdentifier().getValue()).isEqualTo("%");
        assertThat(spo2.getUnits().getNameOfAlternateCodingSystem().getValue()).isEqualTo("UCUM");
        assertThat(spo2.getObservationResultStatus().getValue()).isEqualTo("F");
        assertThat(spo2.getEquipmentInstanceIdentifier(0).getEntityIdentifier().getValue())
                .isEqualTo(TestReadings.MONITOR.eui64());
        // Device time in OBX-14, gateway time in OBX-19, to the millisecond.
        assertThat(spo2.getDateTimeOfTheObservation().getValue()).isEqualTo("20261129095959.124+0000");
        assertThat(spo2.getDateTimeOfTheAnalysis().getValue()).isEqualTo("20261129100000.124+0000");
        // NIBP parts sit under the blood-pressure VMD and channel.
        assertThat(obx).anyMatch(o -> o.getObservationIdentifier().getIdentifier().getValue().equals("69854"));

        OBX invalid = obx.stream().filter(o -> o.getObservationIdentifier().getIdentifier().getValue().equals("150456")
                && o.getObservationResultStatus().getValue().equals("X")).findFirst().orElseThrow();
        assertThat(invalid.getObservationValue()).isEmpty();
        assertThat(er7).contains("NTE|||device status: INVALID");
        assertThat(obx).anyMatch(o -> "A".equals(o.getAbnormalFlags(0).getValue()));
        // A driver's placeholder names are replaced by the nomenclature table's.
        assertThat(er7).doesNotContain("MDC_IV_").doesNotContain("{mdc-dim")
                .contains("|NM|131842^MDC_ECG_AMPL_ST_II^MDC|").contains("|0.1|263442^MDC_DIM_MILLI_M^MDC^mm^mm^UCUM|");
        // The waveform is not in PCD-01.
        assertThat(obx).noneMatch(o -> o.getObservationIdentifier().getIdentifier().getValue().equals("131330"));
    }

    @Test
    void theSameEnvelopeGivesTheSameControlIdAndAnotherGivesAnother() {
        Pcd01Messages messages = new Pcd01Messages(ADDRESSING);
        String a = messages.encode(TestReadings.tags(3, 17), TestReadings.batch(readings())).orElseThrow();
        String b = messages.encode(TestReadings.tags(3, 17), TestReadings.batch(readings())).orElseThrow();
        String c = messages.encode(TestReadings.tags(3, 18), TestReadings.batch(readings())).orElseThrow();
        assertThat(a).isEqualTo(b);
        assertThat(Pcd01Messages.controlId(TestReadings.tags(3, 17))).isNotEqualTo(Pcd01Messages.controlId(TestReadings.tags(3, 18)));
        assertThat(c).contains(Pcd01Messages.controlId(TestReadings.tags(3, 18)));
    }

    @Test
    void aBatchOfOnlyWaveformsGivesNoMessage() {
        assertThat(new Pcd01Messages(ADDRESSING).encode(TestReadings.tags(3, 17),
                TestReadings.batch(List.of(TestReadings.ecg(8))))).isEmpty();
    }

    /**
     * Alarm changes have no PCD-01 form: IHE's alarm transaction is ORU^R40 (PCD-04), which HAPI's v2.6
     * structures (the only HL7 v2 model the build has) do not define, so nothing is encoded rather than a
     * message no parser could check. The day a structure exists, this test says so and alarms can go out.
     */
    @Test
    void alarmChangesGiveNoMessageForHapiHasNoOruR40() throws Exception {
        io.wardgate.api.Alarm alarm = new io.wardgate.api.Alarm(VitalSign.SPO2.metric(), "masimo:0002", "SpO2 low",
                io.wardgate.api.AlarmPriority.HIGH, io.wardgate.api.AlarmState.ACTIVE, null, TestReadings.T0);
        io.wardgate.seal.envelope.Batch alarms = io.wardgate.seal.envelope.Batch.ofAlarms(TestReadings.MONITOR,
                TestReadings.BED_12, "icu", List.of(alarm));
        Pcd01Messages messages = new Pcd01Messages(ADDRESSING);
        assertThat(messages.encode(TestReadings.tags(3, 17), alarms)).isEmpty();
        // beside readings, the message is the readings' alone
        io.wardgate.seal.envelope.Batch mixed = new io.wardgate.seal.envelope.Batch(TestReadings.MONITOR,
                TestReadings.BED_12, "icu", readings(), List.of(alarm));
        io.wardgate.seal.envelope.Batch plain = new io.wardgate.seal.envelope.Batch(TestReadings.MONITOR,
                TestReadings.BED_12, "icu", readings());
        assertThat(messages.encode(TestReadings.tags(3, 17), mixed)).isEqualTo(messages.encode(TestReadings.tags(3, 17), plain));
        try (HapiContext hapi = new DefaultHapiContext()) {
            // no structure of its own: HAPI falls back to a generic message, segments unchecked
            assertThat(hapi.getModelClassFactory().getMessageClass("ORU_R40", "2.6", true))
                    .isEqualTo(ca.uhn.hl7v2.model.GenericMessage.V26.class);
            assertThat(hapi.getModelClassFactory().getMessageClass("ORU_R01", "2.6", true)).isEqualTo(ORU_R01.class);
        }
    }
}
