package io.wardgate.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.Alarm;
import io.wardgate.api.AlarmPriority;
import io.wardgate.api.AlarmState;
import io.wardgate.api.Metric;
import io.wardgate.seal.envelope.EnvelopeOpener;
import io.wardgate.seal.envelope.OpenResult;
import io.wardgate.seal.envelope.TestKeys;
import io.wardgate.seal.envelope.TestReadings;
import io.wardgate.seal.identity.TestCa;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The receiver writes alarm changes as "kind":"alarm" JSON lines and as FHIR alarm Observations. */
class AlarmOutputTest {
    private static final Alarm SPO2_LOW = new Alarm(new Metric(150456, "MDC_PULS_OXIM_SAT_O2", "2708-6"), "masimo:0002",
            "SpO2 low limit", AlarmPriority.MEDIUM, AlarmState.ACTIVE, TestReadings.T0.minusSeconds(2), TestReadings.T0);
    private static final Alarm APNEA = new Alarm(null, "", "APNEA \"adult\"", AlarmPriority.HIGH, AlarmState.ENDED,
            null, TestReadings.T0);

    @TempDir
    Path temp;

    @Test
    void alarmChangesBecomeJsonLines() throws Exception {
        TestCa ca = new TestCa("Hospital Gateway CA");
        TestGateway gateway = new TestGateway(temp.resolve("gw"), "wg-ward-7", ca);
        StringWriter json = new StringWriter();
        StringWriter fhir = new StringWriter();
        Receiver receiver = new Receiver(new EnvelopeOpener(Map.of("backend-test", TestKeys.backend().getPrivate()),
                new CaSignerCheck(List.of(ca.certificate()), List.of(), List.of())), new WindowDeduplicator(256, 1000),
                List.of(new JsonLinesSink(json), new FhirObservationSink(fhir)));

        OpenResult result = receiver.receive(gateway.alarmTopic(), gateway.sealAlarms(1, 5, List.of(SPO2_LOW, APNEA)));

        assertThat(result).isInstanceOf(OpenResult.Opened.class);
        List<String> lines = json.toString().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("{\"gateway\":\"wg-ward-7\"").contains("\"sequence\":5", "\"index\":0",
                "\"device\":\"" + TestReadings.MONITOR.id() + "#alarms\"",
                "\"kind\":\"alarm\"", "\"mdc\":150456", "\"metric\":\"MDC_PULS_OXIM_SAT_O2\"", "\"code\":\"masimo:0002\"",
                "\"text\":\"SpO2 low limit\"", "\"priority\":\"medium\"", "\"state\":\"active\"",
                "\"deviceTime\":\"" + TestReadings.T0.minusSeconds(2) + "\"",
                "\"receivedAt\":\"" + TestReadings.T0 + "\"").endsWith("}");
        assertThat(lines.get(1)).contains("\"index\":1", "\"text\":\"APNEA \\\"adult\\\"\"", "\"priority\":\"high\"",
                "\"state\":\"ended\"").doesNotContain("\"mdc\"", "deviceTime");
        // FHIR: one MDC_EVT_ALARM Observation per change (FhirAlarmsTest checks them in full)
        List<String> resources = fhir.toString().lines().toList();
        assertThat(resources).hasSize(2);
        assertThat(resources.get(0)).contains("\"code\":\"196616\"", "\"code\":\"masimo:0002\"", "\"code\":\"PM\"",
                "\"valueString\":\"active\"", "/5/alarm-change-0\"");
        assertThat(resources.get(1)).contains("\"code\":\"PH\"", "\"valueString\":\"inactive\"", "/5/alarm-change-1\"")
                .doesNotContain("MDC_ATTR_ALERT_SOURCE");
        resources.forEach(r -> assertThat(FhirValidation.problems(r)).isEmpty());
    }
}
