package io.wardgate.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.v26.message.ORU_R01;
import ca.uhn.hl7v2.model.v26.segment.OBX;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import io.wardgate.api.Alarm;
import io.wardgate.api.AlarmPriority;
import io.wardgate.api.AlarmState;
import io.wardgate.api.Decimal;
import io.wardgate.api.Observation;
import io.wardgate.api.Reading;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.VitalSign;
import io.wardgate.receiver.pcd01.Pcd01Messages;
import io.wardgate.seal.envelope.Batch;
import io.wardgate.seal.envelope.EnvelopeOpener;
import io.wardgate.seal.envelope.OpenResult;
import io.wardgate.seal.envelope.TestKeys;
import io.wardgate.seal.envelope.TestReadings;
import io.wardgate.seal.identity.TestCa;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Observation.ObservationStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 item 2 for alarms: alarm changes never wait in the gateway's outbox for the synchronisation
 * note, so one that arrives while its epoch's clock is unverified (or within the note's ambiguity window)
 * cannot be re-stamped and carries TIME_UNVERIFIED, as readings do: in JSON lines ({@code status}), and
 * for the alarm a device flags on a reading, in FHIR (the MDC_EVT_ALARM Observation's note, checked by
 * HAPI FHIR's validator) and PCD-01 (the NTE of the OBX flagged abnormal, parsed by HAPI HL7v2). Real
 * sealed envelopes through the receiver.
 */
class AlarmTimeUnverifiedTest {
    private static final Instant REAL = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    Path temp;

    private TestGateway gateway;
    private Receiver receiver;
    private final StringWriter json = new StringWriter();
    private final StringWriter fhir = new StringWriter();
    private final List<String> pcd01 = new ArrayList<>();
    private TestClockNotes notes;
    private long alarmSequence;
    private long readingSequence;

    @BeforeEach
    void setUp() throws Exception {
        TestCa ca = new TestCa("Hospital Gateway CA");
        gateway = new TestGateway(temp.resolve("gw"), "wg-ward-7", ca);
        notes = new TestClockNotes(gateway, 4);
        Pcd01Messages messages = new Pcd01Messages(new Pcd01Messages.Addressing("WardGate", "ENGINE", "HOSPITAL"));
        receiver = new Receiver(new EnvelopeOpener(Map.of("backend-test", TestKeys.backend().getPrivate()),
                new CaSignerCheck(List.of(ca.certificate()), List.of(), List.of())), new WindowDeduplicator(256, 1000),
                List.of(new JsonLinesSink(json), new FhirObservationSink(fhir),
                        envelope -> messages.encode(envelope.tags(), envelope.batch()).ifPresent(pcd01::add)));
    }

    private void receive(byte[] envelope) throws Exception {
        assertThat(receiver.receive(null, envelope)).isInstanceOf(OpenResult.Opened.class);
    }

    private void unverified(Instant at) throws Exception {
        receive(notes.unverified(at));
    }

    private void synchronised(Instant old, Instant synced, long windowMillis) throws Exception {
        receive(notes.synchronised(old, synced, windowMillis));
    }

    private void alarm(Instant stampedAt) throws Exception {
        Alarm alarm = new Alarm(VitalSign.SPO2.metric(), "MDC_EVT_LO", "SpO2 low", AlarmPriority.HIGH,
                AlarmState.ACTIVE, null, stampedAt);
        Batch batch = Batch.ofAlarms(TestReadings.MONITOR, TestReadings.BED_12, "icu", List.of(alarm));
        receive(gateway.seal(batch.streamId(), 4, alarmSequence++, stampedAt, batch));
    }

    private void inAlarmReading(Instant stampedAt) throws Exception {
        List<Reading> readings = List.of(Observation.of(VitalSign.HEART_RATE, Decimal.ofInteger(148),
                Set.of(StatusFlag.IN_ALARM), stampedAt));
        Batch batch = new Batch(TestReadings.MONITOR, TestReadings.BED_12, "icu", readings);
        receive(gateway.seal(batch.streamId(), 4, readingSequence++, stampedAt, batch));
    }

    private List<String> alarmLines() {
        return json.toString().lines().filter(l -> l.contains("\"kind\":\"alarm\"")).toList();
    }

    @Test
    void anAlarmWhileTheClockIsUnverifiedIsFlaggedInJsonLines() throws Exception {
        Instant saved = REAL.minus(Duration.ofDays(3)); // fake-hwclock's time from days ago
        unverified(saved);
        alarm(saved.plusSeconds(30)); // sent at once: the synchronisation note, if any, comes later
        assertThat(alarmLines()).filteredOn(l -> l.contains("SpO2 low")).singleElement().satisfies(l -> assertThat(l)
                .contains("\"status\":[\"TIME_UNVERIFIED\"]", "\"receivedAt\":\"" + saved.plusSeconds(30) + "\""));
    }

    @Test
    void anAlarmTheSynchronisationNotePlacesIsReStampedAndNotFlagged() throws Exception {
        unverified(Instant.EPOCH.plusSeconds(25));
        synchronised(Instant.EPOCH.plusSeconds(100), REAL.minusSeconds(20), 10_000);
        alarm(Instant.EPOCH.plusSeconds(40)); // an alarm of the old timeline delivered after the note (an outage)
        alarm(REAL.plusSeconds(5)); // on the synchronised clock
        List<String> lines = alarmLines().stream().filter(l -> l.contains("SpO2 low")).toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("\"receivedAt\":\"" + REAL.minusSeconds(80) + "\"").doesNotContain("status");
        assertThat(lines.get(1)).contains("\"receivedAt\":\"" + REAL.plusSeconds(5) + "\"").doesNotContain("status");
    }

    @Test
    void anAlarmAfterABackwardStepThatCouldBeOnEitherTimelineIsFlagged() throws Exception {
        Instant ahead = REAL.plus(Duration.ofHours(3)); // a clock 3 h ahead, stepped back at REAL + 1 h
        unverified(ahead);
        synchronised(ahead.plus(Duration.ofHours(1)), REAL.plus(Duration.ofHours(1)), 10_000);
        alarm(ahead.minus(Duration.ofHours(5))); // old timeline, long before the overlap: placed
        alarm(ahead.plusSeconds(60)); // old timeline or 3 h 1 min after synchronisation: cannot tell
        List<String> lines = alarmLines().stream().filter(l -> l.contains("SpO2 low")).toList();
        assertThat(lines.get(0)).contains("\"receivedAt\":\"" + REAL.minus(Duration.ofHours(5)) + "\"")
                .doesNotContain("status");
        assertThat(lines.get(1)).contains("\"status\":[\"TIME_UNVERIFIED\"]",
                "\"receivedAt\":\"" + ahead.plusSeconds(60) + "\"");
    }

    @Test
    void anAlarmOnAGoodClockIsWrittenAsBefore() throws Exception {
        alarm(REAL);
        assertThat(alarmLines()).singleElement().satisfies(l -> assertThat(l).doesNotContain("status")
                .contains("\"state\":\"active\",\"receivedAt\""));
    }

    @Test
    void theAlarmOfAReadingFlaggedInAlarmCarriesTheFlagInFhirAndPcd01() throws Exception {
        Instant saved = REAL.minus(Duration.ofDays(3));
        unverified(saved);
        inAlarmReading(saved.plusSeconds(30));

        List<String> resources = fhir.toString().lines().toList();
        String alarmResource = resources.stream().filter(r -> r.contains("MDC_EVT_ALARM")).findFirst().orElseThrow();
        org.hl7.fhir.r4.model.Observation parsed = FhirValidation.CONTEXT.newJsonParser()
                .parseResource(org.hl7.fhir.r4.model.Observation.class, alarmResource);
        assertThat(parsed.getStatus()).isNotNull().isNotEqualTo(ObservationStatus.ENTEREDINERROR);
        assertThat(parsed.getNote()).singleElement().satisfies(n -> assertThat(n.getText()).contains("TIME_UNVERIFIED"));
        assertThat(FhirValidation.problems(alarmResource)).isEmpty();

        assertThat(pcd01).hasSize(1);
        ORU_R01 message;
        try (HapiContext hapi = new DefaultHapiContext()) {
            hapi.setValidationContext(ValidationContextFactory.defaultValidation());
            message = (ORU_R01) hapi.getPipeParser().parse(pcd01.get(0));
        }
        var observations = message.getPATIENT_RESULT().getORDER_OBSERVATION().getOBSERVATIONAll();
        var flagged = observations.stream().filter(o -> "A".equals(o.getOBX().getAbnormalFlags(0).getValue())).toList();
        assertThat(flagged).singleElement().satisfies(o -> {
            OBX obx = o.getOBX();
            assertThat(obx.getObservationIdentifier().getIdentifier().getValue())
                    .isEqualTo(Integer.toString(VitalSign.HEART_RATE.metric().mdcCode()));
            assertThat(o.getNTE().getComment(0).getValue()).contains("IN_ALARM", "TIME_UNVERIFIED");
        });
    }
}
