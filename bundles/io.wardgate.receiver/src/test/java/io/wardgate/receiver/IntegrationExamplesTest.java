package io.wardgate.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.Decimal;
import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.Location;
import io.wardgate.api.Metric;
import io.wardgate.api.Observation;
import io.wardgate.api.Reading;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.Transport;
import io.wardgate.api.Unit;
import io.wardgate.api.VitalSign;
import io.wardgate.receiver.pcd01.Pcd01Messages;
import io.wardgate.seal.envelope.Batch;
import io.wardgate.seal.envelope.SealTags;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The worked examples of docs/integration.md: one envelope as the demo's IntelliVue bed sends it,
 * turned into the PCD-01 message and the FHIR transaction Bundle the receiver produces. Written to
 * target/integration-examples/ (the docs paste them) and checked: the bundle validates, the message
 * parses under HAPI's default validation.
 */
class IntegrationExamplesTest {
    static final Instant AT = Instant.parse("2026-11-29T10:15:02.250Z");

    static Batch demoBed() {
        DeviceIdentity monitor = new DeviceIdentity(Transport.SERIAL, "/dev/wardgate/bed-1", "IntelliVue MX450",
                "DE00000011", "00095CFFFE0B0011");
        Instant device = AT.minusMillis(250);
        List<Reading> readings = List.of(
                Observation.of(VitalSign.HEART_RATE, Decimal.ofInteger(72), Set.of(), AT).withDeviceTime(device),
                Observation.of(VitalSign.SPO2, Decimal.parse("97.0"), Set.of(), AT).withDeviceTime(device),
                Observation.of(VitalSign.NIBP_SYSTOLIC, Decimal.ofInteger(121), Set.of(), AT).withDeviceTime(device),
                Observation.of(VitalSign.NIBP_DIASTOLIC, Decimal.ofInteger(79), Set.of(), AT)
                        .withDeviceTime(device.plusMillis(4)),
                Observation.of(VitalSign.NIBP_MEAN, Decimal.ofInteger(93), Set.of(), AT).withDeviceTime(device.plusMillis(4)),
                Observation.absent(VitalSign.RESPIRATION_RATE.metric(), Unit.RESPIRATIONS_PER_MINUTE,
                        Set.of(StatusFlag.UNAVAILABLE), AT),
                new Observation(Metric.mdc(0x20302, "MDC_IV_0302"), new Unit("{mdc-dim-263442}", 263442, ""),
                        Decimal.parse("0.1"), Set.of(), device, AT));
        return new Batch(monitor, new Location("demo-hospital", "icu-1", "bed-1"), "icu-monitors", readings);
    }

    static SealTags tags() {
        return new SealTags("wg-demo-0001", "serial:/dev/wardgate/bed-1", 4, 118, AT.plusMillis(800));
    }

    @Test
    void theWorkedExamplesAreWhatTheReceiverWrites() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "integration-examples"));
        String er7 = new Pcd01Messages(new Pcd01Messages.Addressing("WardGate", "ENGINE", "HOSPITAL"))
                .encode(tags(), demoBed()).orElseThrow();
        assertThat(io.wardgate.receiver.pcd01.Pcd01MessagesTestAccess.parse(er7)).isNotNull();
        Files.writeString(dir.resolve("pcd01.hl7"), er7.replace('\r', '\n'), StandardCharsets.UTF_8);

        String bundle = FhirTransaction.bundle(FhirResources.of(tags(), demoBed(), Terms.nomenclature()));
        assertThat(FhirValidation.problems(bundle)).isEmpty();
        String pretty = FhirValidation.CONTEXT.newJsonParser().setPrettyPrint(true)
                .encodeResourceToString(FhirValidation.CONTEXT.newJsonParser().parseResource(bundle));
        Files.writeString(dir.resolve("fhir-bundle.json"), pretty, StandardCharsets.UTF_8);
        assertThat(pretty).contains("MDC_ECG_AMPL_ST_II").doesNotContain("MDC_IV_");
    }

    @Test
    void theAlarmExampleIsWhatTheReceiverWrites() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "integration-examples"));
        Batch bed = demoBed();
        Batch alarms = Batch.ofAlarms(bed.device(), bed.location(), bed.group(), List.of(new io.wardgate.api.Alarm(
                VitalSign.SPO2.metric(), "intellivue:4BB8.000A", "SpO2", io.wardgate.api.AlarmPriority.MEDIUM,
                io.wardgate.api.AlarmState.SILENCED, null, AT))); // the IntelliVue driver's alert of AlertsTest, silenced
        SealTags tags = new SealTags("wg-demo-0001", alarms.streamId(), 4, 31, AT.plusMillis(20));
        String bundle = FhirTransaction.bundle(FhirResources.of(tags, alarms, Terms.nomenclature()));
        assertThat(FhirValidation.problems(bundle)).isEmpty();
        assertThat(new Pcd01Messages(new Pcd01Messages.Addressing("WardGate", "ENGINE", "HOSPITAL")).encode(tags, alarms))
                .as("no PCD-04 (ORU^R40) structure in HAPI's v2.6 model: PCD-01 skips alarm-only envelopes").isEmpty();
        String pretty = FhirValidation.CONTEXT.newJsonParser().setPrettyPrint(true)
                .encodeResourceToString(FhirValidation.CONTEXT.newJsonParser().parseResource(bundle));
        Files.writeString(dir.resolve("fhir-alarm-bundle.json"), pretty, StandardCharsets.UTF_8);
        assertThat(pretty).contains("\"196616\"", "\"PM\"", "\"inhibited\"", "\"intellivue:4BB8.000A\"");
    }
}
