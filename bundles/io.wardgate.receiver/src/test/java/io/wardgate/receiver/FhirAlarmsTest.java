package io.wardgate.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.Alarm;
import io.wardgate.api.AlarmPriority;
import io.wardgate.api.AlarmState;
import io.wardgate.api.Decimal;
import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.Transport;
import io.wardgate.api.time.ClockNote;
import io.wardgate.api.Metric;
import io.wardgate.api.Observation;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.VitalSign;
import io.wardgate.receiver.spool.Delivery;
import io.wardgate.receiver.spool.Spool;
import io.wardgate.receiver.spool.SpoolSender;
import io.wardgate.seal.envelope.Batch;
import io.wardgate.seal.envelope.OpenResult;
import io.wardgate.seal.envelope.SealTags;
import io.wardgate.seal.envelope.TestReadings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation.ObservationComponentComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Typed alarm changes as FHIR R4 Observations (FhirAlarms): every state and priority, with and without a
 * source metric and a device time, judged by HAPI's FHIR validator and read back with HAPI's parser.
 */
class FhirAlarmsTest {
    private static final Instant AT = GeneratedWard.T0;
    private static final Metric SPO2 = VitalSign.SPO2.metric();

    @TempDir
    Path temp;

    private static SealTags tags(Batch batch, long sequence) {
        return new SealTags("wg-ward-7", batch.streamId(), 3, sequence, AT.plusSeconds(1));
    }

    private static Batch alarms(List<Alarm> alarms) {
        return Batch.ofAlarms(TestReadings.MONITOR, TestReadings.BED_12, "icu", alarms);
    }

    private static org.hl7.fhir.r4.model.Observation parse(String json) {
        return FhirValidation.CONTEXT.newJsonParser().parseResource(org.hl7.fhir.r4.model.Observation.class, json);
    }

    private static Map<String, Coding> codings(CodeableConcept concept) {
        return concept.getCoding().stream().collect(Collectors.toMap(Coding::getSystem, c -> c));
    }

    /** The component coded with the MDC attribute, or null. */
    private static ObservationComponentComponent component(org.hl7.fhir.r4.model.Observation o, int mdc) {
        return o.getComponent().stream().filter(c -> c.getCode().getCoding().stream()
                .anyMatch(x -> FhirResources.MDC.equals(x.getSystem()) && x.getCode().equals(Integer.toString(mdc))))
                .findFirst().orElse(null);
    }

    @Test
    void everyStateAndPriorityWithAndWithoutSourceAndDeviceTimeValidatesAndReadsBack() {
        List<Alarm> all = new ArrayList<>();
        for (AlarmState state : AlarmState.values()) {
            for (AlarmPriority priority : AlarmPriority.values()) {
                for (Metric source : new Metric[] {SPO2, null}) {
                    for (Instant deviceTime : new Instant[] {AT.minusMillis(1500), null}) {
                        all.add(new Alarm(source, source == null ? "" : "masimo:0002", "SpO2 low <90> & \"probe\"",
                                priority, state, deviceTime, AT.plusMillis(all.size())));
                    }
                }
            }
        }
        assertThat(all).hasSize(48);
        Batch batch = alarms(all);
        List<FhirResource> resources = FhirResources.of(tags(batch, 9), batch, Terms.nomenclature());
        assertThat(resources).hasSize(all.size());

        List<String> problems = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Alarm alarm = all.get(i);
            FhirResource resource = resources.get(i);
            FhirValidation.problems(resource.json()).forEach(p -> problems.add(resource.identifier() + " " + p));
            org.hl7.fhir.r4.model.Observation o = parse(resource.json());

            assertThat(resource.identifier()).isEqualTo("wg-ward-7/" + batch.streamId() + "/3/9/alarm-change-" + i);
            assertThat(o.getIdentifierFirstRep().getSystem()).isEqualTo(FhirResources.READING_ID);
            assertThat(o.getStatus()).isEqualTo(org.hl7.fhir.r4.model.Observation.ObservationStatus.FINAL);
            assertThat(codings(o.getCode()).get(FhirResources.MDC).getCode()).isEqualTo("196616");
            assertThat(o.getValueCodeableConcept().getText()).isEqualTo("SpO2 low <90> & \"probe\"");
            if (alarm.code().isEmpty()) {
                assertThat(o.getValueCodeableConcept().getCoding()).isEmpty();
            } else {
                assertThat(o.getValueCodeableConcept().getCodingFirstRep().getSystem()).isEqualTo("urn:wardgate:alarm-code");
                assertThat(o.getValueCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("masimo:0002");
            }
            // effective: the device's time when it sent one, else the gateway's; issued: the gateway's
            Instant effective = alarm.deviceTime() != null ? alarm.deviceTime() : alarm.gatewayTime();
            assertThat(o.getEffectiveDateTimeType().getValue().toInstant()).isEqualTo(effective.truncatedTo(
                    java.time.temporal.ChronoUnit.MILLIS));
            assertThat(o.getIssued().toInstant()).isEqualTo(alarm.gatewayTime().truncatedTo(
                    java.time.temporal.ChronoUnit.MILLIS));
            assertThat(o.getSubject().getIdentifier().getValue()).isEqualTo(TestReadings.BED_12.toString());

            ObservationComponentComponent source = component(o, FhirResources.MDC_ATTR_ALERT_SOURCE);
            if (alarm.source() == null) {
                assertThat(source).isNull();
            } else {
                assertThat(codings(source.getValueCodeableConcept()).get(FhirResources.MDC).getCode()).isEqualTo("150456");
                assertThat(codings(source.getValueCodeableConcept()).get(FhirResources.LOINC).getCode()).isEqualTo("2708-6");
            }
            assertThat(component(o, FhirResources.MDC_ATTR_ALARM_STATE).getValueStringType().getValue())
                    .isEqualTo(alarm.state() == AlarmState.ENDED ? "inactive" : "active");
            ObservationComponentComponent inactivation = component(o, FhirResources.MDC_ATTR_ALARM_INACTIVATION_STATE);
            if (alarm.state() == AlarmState.SILENCED) {
                assertThat(inactivation.getValueStringType().getValue()).isEqualTo("inhibited");
            } else {
                assertThat(inactivation).isNull();
            }
            Coding priority = component(o, FhirAlarms.MDC_ATTR_ALARM_PRIORITY).getValueCodeableConcept().getCodingFirstRep();
            assertThat(priority.getSystem()).isEqualTo("http://hl7.org/fhir/flag-priority-code");
            assertThat(priority.getCode()).isEqualTo(switch (alarm.priority()) {
                case HIGH -> "PH";
                case MEDIUM -> "PM";
                case LOW -> "PL";
                case INFO -> "PN";
            });
            assertThat(o.getNote()).isEmpty();
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void aPriorityCodeOutsideFhirsCodeSystemIsCaughtByTheValidator() {
        // The validator knows flag-priority-code: the test above would catch a wrong code, shown here.
        Batch batch = alarms(List.of(new Alarm(SPO2, "", "SpO2 low", AlarmPriority.HIGH, AlarmState.ACTIVE, null, AT)));
        String good = FhirResources.of(tags(batch, 1), batch, Terms.nomenclature()).get(0).json();
        assertThat(good).contains("\"code\":\"PH\"");
        assertThat(FhirValidation.problems(good)).isEmpty();
        assertThat(FhirValidation.problems(good.replace("\"code\":\"PH\"", "\"code\":\"P9\""))).isNotEmpty();
    }

    @Test
    void timeUnverifiedIsNotedAsOnReadings() {
        Alarm flagged = new Alarm(SPO2, "masimo:0002", "SpO2 low", AlarmPriority.MEDIUM, AlarmState.ACTIVE, null, AT)
                .withStatus(Set.of(StatusFlag.TIME_UNVERIFIED));
        Batch batch = alarms(List.of(flagged));
        String json = FhirResources.of(tags(batch, 2), batch, Terms.nomenclature()).get(0).json();
        assertThat(parse(json).getNote()).singleElement()
                .satisfies(n -> assertThat(n.getText()).isEqualTo("device status: TIME_UNVERIFIED"));
        assertThat(FhirValidation.problems(json)).isEmpty();
    }

    @Test
    void theSameEnvelopeGivesTheSameResourcesAndAnotherSequenceOthers() {
        List<Alarm> list = GeneratedWard.alarms(AT);
        Batch batch = alarms(list);
        List<String> first = FhirResources.of(tags(batch, 4), batch, Terms.nomenclature()).stream()
                .map(FhirResource::json).toList();
        List<String> again = FhirResources.of(tags(batch, 4), batch, Terms.nomenclature()).stream()
                .map(FhirResource::json).toList();
        assertThat(again).isEqualTo(first);
        List<FhirResource> next = FhirResources.of(tags(batch, 5), batch, Terms.nomenclature());
        assertThat(next).extracting(FhirResource::identifier).doesNotContainAnyElementsOf(
                FhirResources.of(tags(batch, 4), batch, Terms.nomenclature()).stream().map(FhirResource::identifier).toList());
        assertThat(next).extracting(FhirResource::identifier).doesNotHaveDuplicates();
    }

    @Test
    void aBatchWithAFlaggedReadingAndTypedAlarmsKeepsTheirIdentifiersApart() {
        Batch batch = new Batch(TestReadings.MONITOR, TestReadings.BED_12, "icu",
                List.of(Observation.of(VitalSign.SPO2, Decimal.ofInteger(84), Set.of(StatusFlag.IN_ALARM), AT)),
                List.of(new Alarm(SPO2, "", "SpO2 low", AlarmPriority.HIGH, AlarmState.ACTIVE, null, AT)));
        List<FhirResource> resources = FhirResources.of(tags(batch, 6), batch, Terms.nomenclature());
        assertThat(resources).extracting(FhirResource::identifier).map(i -> i.substring(i.lastIndexOf('/') + 1))
                .containsExactly("0", "alarm-0", "alarm-change-0");
        resources.forEach(r -> assertThat(FhirValidation.problems(r.json())).isEmpty());
    }

    @Test
    void aGatewaysClockNoteIsNoFhirAlarm() throws Exception {
        Batch note = Batch.ofAlarms(DeviceIdentity.at(Transport.LOCAL, ClockNote.ADDRESS), TestReadings.BED_12, "gateway",
                List.of(new Alarm(null, ClockNote.UNVERIFIED, "gateway clock not synchronised", AlarmPriority.INFO,
                        AlarmState.ACTIVE, null, AT)));
        assertThat(note.device().id()).isEqualTo(ClockNote.DEVICE_ID);
        assertThat(FhirResources.of(tags(note, 0), note, Terms.nomenclature())).isEmpty();
        try (SpoolSender sender = new SpoolSender("fhir", Spool.open(temp.resolve("notes"), new Spool.Limits(10, 1 << 20)),
                message -> new Delivery.Delivered(), new SpoolSender.Settings(Duration.ofMillis(50), Duration.ofMillis(400), 3))) {
            new FhirTransactionSink(sender).write(new OpenResult.Opened(tags(note, 0), note, new byte[1], List.of()));
            assertThat(sender.spool().size()).isZero();
            assertThat(sender.delivered()).isZero();
        }
    }

    @Test
    void anAlarmOnlyEnvelopeIsQueuedAsAConditionalCreateTransaction() throws Exception {
        Batch batch = alarms(GeneratedWard.alarms(AT));
        String bundle = FhirTransaction.bundle(FhirResources.of(tags(batch, 7), batch, Terms.nomenclature()));
        assertThat(FhirValidation.problems(bundle)).isEmpty();
        Bundle parsed = FhirValidation.CONTEXT.newJsonParser().parseResource(Bundle.class, bundle);
        assertThat(parsed.getEntry()).hasSize(batch.alarms().size()).allSatisfy(e -> {
            assertThat(e.getRequest().getIfNoneExist()).startsWith("identifier=urn%3Awardgate%3Areading%7C")
                    .contains("%23alarms").contains("alarm-change-");
            assertThat(e.getFullUrl()).startsWith("urn:uuid:");
        });

        // Through the transaction sink (it skipped alarm-only envelopes before): the same bundle reaches the destination.
        List<String> delivered = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (SpoolSender sender = new SpoolSender("fhir", Spool.open(temp.resolve("spool"), new Spool.Limits(10, 1 << 20)),
                message -> {
                    delivered.add(new String(message, StandardCharsets.UTF_8));
                    return new Delivery.Delivered();
                }, new SpoolSender.Settings(Duration.ofMillis(50), Duration.ofMillis(400), 3))) {
            new FhirTransactionSink(sender).write(new OpenResult.Opened(tags(batch, 7), batch, new byte[1], List.of()));
            assertThat(sender.awaitEmpty(Duration.ofMinutes(1))).isTrue();
        }
        assertThat(delivered).containsExactly(bundle);
    }
}
