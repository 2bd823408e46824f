package io.wardgate.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import io.wardgate.api.Decimal;
import io.wardgate.api.Observation;
import io.wardgate.api.Reading;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.VitalSign;
import io.wardgate.seal.envelope.TestReadings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation.ObservationComponentComponent;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.SampledData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The FHIR output, parsed strictly by HAPI FHIR's R4 structures and checked element by element. */
class FhirObservationSinkTest {
    private static IParser parser;

    @BeforeAll
    static void hapi() {
        parser = FhirContext.forR4().newJsonParser().setParserErrorHandler(new StrictErrorHandler());
    }

    private static List<org.hl7.fhir.r4.model.Observation> parse(List<Reading> readings) {
        List<org.hl7.fhir.r4.model.Observation> out = new ArrayList<>();
        for (String line : FhirObservationSink.resources(TestReadings.tags(3, 17), TestReadings.batch(readings))) {
            out.add(parser.parseResource(org.hl7.fhir.r4.model.Observation.class, line));
        }
        return out;
    }

    private static Map<String, Coding> codings(org.hl7.fhir.r4.model.CodeableConcept code) {
        return code.getCoding().stream().collect(Collectors.toMap(Coding::getSystem, Function.identity()));
    }

    @Test
    void everyVitalSignIsAVitalSignsObservationWithLoincMdcAndUcum() {
        List<Reading> readings = new ArrayList<>(TestReadings.everyVitalSign());
        readings.removeIf(r -> Set.of(150021, 150022, 150023).contains(r.metric().mdcCode()));
        List<org.hl7.fhir.r4.model.Observation> observations = parse(readings);
        assertThat(observations).hasSize(readings.size());
        for (int i = 0; i < readings.size(); i++) {
            Observation expected = (Observation) readings.get(i);
            org.hl7.fhir.r4.model.Observation fhir = observations.get(i);
            // The subject is a bed: no vital-signs profile is claimed until the backend associates a patient.
            assertThat(fhir.getMeta().hasProfile()).isFalse();
            assertThat(fhir.getSubject().getType()).isEqualTo("Location");
            assertThat(fhir.getStatus()).isEqualTo(org.hl7.fhir.r4.model.Observation.ObservationStatus.FINAL);
            // EtCO2's LOINC is not in FHIR's vital-signs value set: no vital-signs category for it.
            assertThat(fhir.getCategoryFirstRep().getCodingFirstRep().getCode())
                    .isEqualTo(expected.metric().loinc().equals("19889-5") ? null : "vital-signs");
            Map<String, Coding> codes = codings(fhir.getCode());
            assertThat(codes.get(FhirResources.LOINC).getCode()).isEqualTo(expected.metric().loinc());
            assertThat(codes.get(FhirResources.MDC).getCode())
                    .isEqualTo(Integer.toString(expected.metric().mdcCode()));
            Quantity quantity = fhir.getValueQuantity();
            assertThat(quantity.getValue()).isEqualByComparingTo(expected.value().toBigDecimal());
            assertThat(quantity.getValueElement().getValueAsString()).isEqualTo(expected.value().toString());
            assertThat(quantity.getSystem()).isEqualTo(FhirResources.UCUM);
            assertThat(quantity.getCode()).isEqualTo(expected.unit().ucum());
            assertThat(fhir.getEffectiveDateTimeType().getValue().toInstant())
                    .isEqualTo(expected.deviceTime().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            // Milliseconds at most: the device time has nanoseconds, the resource does not.
            assertThat(fhir.getEffectiveDateTimeType().getValueAsString()).matches(".*T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?Z");
            assertThat(fhir.getIssuedElement().getValueAsString()).matches(".*T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?Z");
            assertThat(fhir.getIdentifierFirstRep().getValue()).isEqualTo(
                    "wg-test-0001/serial:/dev/wardgate/bed-12/3/17/" + i);
            assertThat(fhir.getDevice().getIdentifier().getValue()).isEqualTo(TestReadings.MONITOR.eui64());
        }
    }

    @Test
    void aStatusWithoutValueBecomesDataAbsentReason() {
        List<Reading> readings = new ArrayList<>();
        for (StatusFlag flag : StatusFlag.values()) {
            if (flag.meansNoValue()) {
                readings.add(Observation.absent(VitalSign.SPO2.metric(), VitalSign.SPO2.unit(), Set.of(flag),
                        TestReadings.T0));
            }
        }
        List<org.hl7.fhir.r4.model.Observation> observations = parse(readings);
        for (int i = 0; i < readings.size(); i++) {
            org.hl7.fhir.r4.model.Observation fhir = observations.get(i);
            StatusFlag flag = readings.get(i).status().iterator().next();
            assertThat(fhir.hasValue()).isFalse();
            assertThat(fhir.getDataAbsentReason().getCodingFirstRep().getSystem())
                    .isEqualTo(FhirResources.ABSENT);
            assertThat(fhir.getDataAbsentReason().getCodingFirstRep().getCode())
                    .isEqualTo(FhirResources.absentReason(flag));
            assertThat(fhir.getDataAbsentReason().getText()).isEqualTo(flag.name());
        }
        assertThat(observations).extracting(o -> o.getDataAbsentReason().getCodingFirstRep().getCode())
                .contains("error", "unknown", "temp-unknown", "positive-infinity", "negative-infinity");
    }

    @Test
    void bloodPressureIsAPanelWithComponents() {
        Instant at = TestReadings.T0;
        List<Reading> readings = List.of(
                Observation.of(VitalSign.NIBP_SYSTOLIC, Decimal.ofInteger(120), Set.of(), at),
                Observation.of(VitalSign.NIBP_DIASTOLIC, Decimal.ofInteger(80), Set.of(), at),
                Observation.of(VitalSign.NIBP_MEAN, Decimal.ofInteger(93), Set.of(), at),
                Observation.of(VitalSign.HEART_RATE, Decimal.ofInteger(72), Set.of(StatusFlag.IN_ALARM), at),
                Observation.of(VitalSign.NIBP_SYSTOLIC, Decimal.ofInteger(150), Set.of(), at.plusSeconds(60)),
                Observation.absent(VitalSign.NIBP_DIASTOLIC.metric(), VitalSign.NIBP_DIASTOLIC.unit(),
                        Set.of(StatusFlag.INVALID), at.plusSeconds(60)));
        List<org.hl7.fhir.r4.model.Observation> observations = parse(readings);
        // panel, heart rate, panel, the heart rate's alarm
        assertThat(observations).hasSize(4);
        org.hl7.fhir.r4.model.Observation panel = observations.get(0);
        assertThat(codings(panel.getCode()).get(FhirResources.LOINC).getCode()).isEqualTo("85354-9");
        assertThat(panel.hasValue()).isFalse();
        assertThat(panel.getComponent()).extracting(c -> codings(c.getCode()).get(FhirResources.LOINC).getCode())
                .containsExactly("8480-6", "8462-4", "8478-0");
        assertThat(panel.getComponent()).extracting(c -> c.getValueQuantity().getValue().intValue())
                .containsExactly(120, 80, 93);
        assertThat(panel.getComponentFirstRep().getValueQuantity().getCode()).isEqualTo("mm[Hg]");
        assertThat(panel.getIdentifierFirstRep().getValue()).endsWith("/3/17/bp-0-1-2");

        assertThat(codings(observations.get(1).getCode()).get(FhirResources.LOINC).getCode()).isEqualTo("8867-4");
        assertThat(observations.get(1).getNoteFirstRep().getText()).contains("IN_ALARM");

        ObservationComponentComponent missing = observations.get(2).getComponent().get(1);
        assertThat(missing.hasValue()).isFalse();
        assertThat(missing.getDataAbsentReason().getCodingFirstRep().getCode()).isEqualTo("error");
        assertThat(observations.get(2).getComponent()).hasSize(2);
    }

    @Test
    void partsAFewMillisecondsApartAreOnePanelAndARepeatedPartStartsAnother() {
        Instant at = TestReadings.T0;
        List<Reading> readings = List.of(
                Observation.of(VitalSign.NIBP_SYSTOLIC, Decimal.ofInteger(120), Set.of(), at)
                        .withDeviceTime(at.plusMillis(3)),
                Observation.of(VitalSign.NIBP_DIASTOLIC, Decimal.ofInteger(80), Set.of(), at)
                        .withDeviceTime(at.plusMillis(7)),
                Observation.of(VitalSign.NIBP_MEAN, Decimal.ofInteger(93), Set.of(), at).withDeviceTime(at),
                Observation.of(VitalSign.NIBP_SYSTOLIC, Decimal.ofInteger(121), Set.of(), at)
                        .withDeviceTime(at.plusMillis(9)));
        List<org.hl7.fhir.r4.model.Observation> observations = parse(readings);
        assertThat(observations).hasSize(2);
        org.hl7.fhir.r4.model.Observation panel = observations.get(0);
        assertThat(panel.getComponent()).extracting(c -> c.getValueQuantity().getValue().intValue())
                .containsExactly(120, 80, 93);
        // The panel's time is its earliest part's.
        assertThat(panel.getEffectiveDateTimeType().getValue().toInstant())
                .isEqualTo(at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        // The second systolic cannot join a panel that has one: a panel of its own, diastolic unknown.
        org.hl7.fhir.r4.model.Observation second = observations.get(1);
        assertThat(second.getComponent()).hasSize(2);
        assertThat(second.getComponentFirstRep().getValueQuantity().getValue().intValue()).isEqualTo(121);
        assertThat(second.getComponent().get(1).getDataAbsentReason().getCodingFirstRep().getCode())
                .isEqualTo("unknown");
    }

    @Test
    void anAlarmIsAnObservationCodedMdcEvtAlarmNamingItsSource() {
        List<Reading> readings = List.of(Observation.of(VitalSign.SPO2, Decimal.ofInteger(84),
                Set.of(StatusFlag.IN_ALARM, StatusFlag.ALARM_INHIBITED), TestReadings.T0));
        List<org.hl7.fhir.r4.model.Observation> observations = parse(readings);
        assertThat(observations).hasSize(2);
        org.hl7.fhir.r4.model.Observation alarm = observations.get(1);
        assertThat(codings(alarm.getCode()).get(FhirResources.MDC).getCode()).isEqualTo("196616");
        assertThat(alarm.getCategory()).isEmpty();
        assertThat(alarm.getIdentifierFirstRep().getValue()).endsWith("/3/17/alarm-0");
        assertThat(alarm.getDerivedFromFirstRep().getIdentifier().getValue())
                .isEqualTo(observations.get(0).getIdentifierFirstRep().getValue());
        assertThat(alarm.getComponent()).hasSize(3);
        assertThat(codings(alarm.getComponentFirstRep().getValueCodeableConcept()).get(FhirResources.MDC).getCode())
                .isEqualTo("150456");
        assertThat(alarm.getComponent().get(1).getValueStringType().getValue()).isEqualTo("active");
        assertThat(alarm.getComponent().get(2).getValueStringType().getValue()).isEqualTo("inhibited");
    }

    @Test
    void aWaveformBecomesSampledDataWithShortDecimals() {
        org.hl7.fhir.r4.model.Observation fhir = parse(List.of(TestReadings.ecg(8))).get(0);
        assertThat(fhir.getMeta().hasProfile()).isFalse();
        SampledData data = fhir.getValueSampledData();
        assertThat(data.getPeriod()).isEqualByComparingTo("3.90625");
        assertThat(data.getDimensions()).isEqualTo(1);
        assertThat(data.getData().split(" ")).hasSize(8);
        assertThat(data.getOrigin().getCode()).isEqualTo("mV");
        // 10 mV over 4095 steps: the factor is rounded to 9 significant digits, no trailing zeros anywhere.
        assertThat(data.getFactorElement().getValueAsString()).isEqualTo("0.00244200244");
        assertThat(data.getOrigin().getValueElement().getValueAsString()).isEqualTo("0.00122099712");
        // physical = origin + factor * raw agrees with the scale within 1/1000 of a step at both ends.
        java.math.BigDecimal step = data.getFactor();
        java.math.BigDecimal low = data.getOrigin().getValue().add(step.multiply(java.math.BigDecimal.valueOf(-2048)));
        java.math.BigDecimal high = data.getOrigin().getValue().add(step.multiply(java.math.BigDecimal.valueOf(2047)));
        assertThat(low.subtract(new java.math.BigDecimal("-5")).abs()).isLessThan(step.movePointLeft(3));
        assertThat(high.subtract(new java.math.BigDecimal("5")).abs()).isLessThan(step.movePointLeft(3));
    }

    @Test
    void aRepeatingScaleAt16BitsStaysWithinAThousandthOfAStep() {
        io.wardgate.api.WaveScale wide = new io.wardgate.api.WaveScale(-32768, 32767, Decimal.parse("-12.5"),
                Decimal.parse("37.3"));
        io.wardgate.api.WaveformSegment w = new io.wardgate.api.WaveformSegment(TestReadings.ECG_II,
                io.wardgate.api.Unit.MILLIVOLT, java.time.Duration.ofMillis(2), TestReadings.T0, new int[] {0},
                wide, Set.of(), TestReadings.T0);
        FhirResources.Scale scale = FhirResources.Scale.of(w);
        for (int raw : new int[] {-32768, 0, 32767}) {
            java.math.BigDecimal exact = wide.physical(raw);
            java.math.BigDecimal ours = scale.origin().add(scale.factor().multiply(java.math.BigDecimal.valueOf(raw)));
            assertThat(ours.subtract(exact).abs()).isLessThan(scale.factor().movePointLeft(3));
        }
        assertThat(scale.factor().precision()).isLessThanOrEqualTo(9);
        assertThat(scale.origin().toPlainString()).doesNotEndWith("0");
    }
}
