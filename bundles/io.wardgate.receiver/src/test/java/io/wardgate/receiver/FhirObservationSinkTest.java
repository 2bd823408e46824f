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
            assertThat(fhir.getMeta().getProfile()).extracting(p -> p.getValue())
                    .containsExactly(FhirObservationSink.VITALSIGNS);
            assertThat(fhir.getStatus()).isEqualTo(org.hl7.fhir.r4.model.Observation.ObservationStatus.FINAL);
            assertThat(fhir.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("vital-signs");
            Map<String, Coding> codes = codings(fhir.getCode());
            assertThat(codes.get(FhirObservationSink.LOINC).getCode()).isEqualTo(expected.metric().loinc());
            assertThat(codes.get(FhirObservationSink.MDC).getCode())
                    .isEqualTo(Integer.toString(expected.metric().mdcCode()));
            Quantity quantity = fhir.getValueQuantity();
            assertThat(quantity.getValue()).isEqualByComparingTo(expected.value().toBigDecimal());
            assertThat(quantity.getValueElement().getValueAsString()).isEqualTo(expected.value().toString());
            assertThat(quantity.getSystem()).isEqualTo(FhirObservationSink.UCUM);
            assertThat(quantity.getCode()).isEqualTo(expected.unit().ucum());
            assertThat(fhir.getEffectiveDateTimeType().getValue().toInstant())
                    .isEqualTo(expected.deviceTime().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
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
                    .isEqualTo(FhirObservationSink.ABSENT);
            assertThat(fhir.getDataAbsentReason().getCodingFirstRep().getCode())
                    .isEqualTo(FhirObservationSink.absentReason(flag));
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
        assertThat(observations).hasSize(3);
        assertThat(codings(observations.get(0).getCode()).get(FhirObservationSink.LOINC).getCode()).isEqualTo("8867-4");
        assertThat(observations.get(0).getNoteFirstRep().getText()).contains("IN_ALARM");

        org.hl7.fhir.r4.model.Observation panel = observations.get(1);
        assertThat(codings(panel.getCode()).get(FhirObservationSink.LOINC).getCode()).isEqualTo("85354-9");
        assertThat(panel.hasValue()).isFalse();
        assertThat(panel.getComponent()).extracting(c -> codings(c.getCode()).get(FhirObservationSink.LOINC).getCode())
                .containsExactly("8480-6", "8462-4", "8478-0");
        assertThat(panel.getComponent()).extracting(c -> c.getValueQuantity().getValue().intValue())
                .containsExactly(120, 80, 93);
        assertThat(panel.getComponentFirstRep().getValueQuantity().getCode()).isEqualTo("mm[Hg]");

        ObservationComponentComponent missing = observations.get(2).getComponent().get(1);
        assertThat(missing.hasValue()).isFalse();
        assertThat(missing.getDataAbsentReason().getCodingFirstRep().getCode()).isEqualTo("error");
        assertThat(observations.get(2).getComponent()).hasSize(2);
    }

    @Test
    void aWaveformBecomesSampledData() {
        org.hl7.fhir.r4.model.Observation fhir = parse(List.of(TestReadings.ecg(8))).get(0);
        assertThat(fhir.getMeta().hasProfile()).isFalse();
        SampledData data = fhir.getValueSampledData();
        assertThat(data.getPeriod()).isEqualByComparingTo("3.90625");
        assertThat(data.getDimensions()).isEqualTo(1);
        assertThat(data.getData().split(" ")).hasSize(8);
        assertThat(data.getOrigin().getCode()).isEqualTo("mV");
        // physical = origin + factor * raw must agree with the scale: raw -2048 is -5.000 mV, raw 2047 is 5.000 mV.
        java.math.BigDecimal low = data.getOrigin().getValue().add(data.getFactor().multiply(java.math.BigDecimal.valueOf(-2048)));
        java.math.BigDecimal high = data.getOrigin().getValue().add(data.getFactor().multiply(java.math.BigDecimal.valueOf(2047)));
        assertThat(low.doubleValue()).isCloseTo(-5.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(high.doubleValue()).isCloseTo(5.0, org.assertj.core.data.Offset.offset(1e-9));
    }
}
