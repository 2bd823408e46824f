package io.wardgate.driver.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.DeviceEvent;
import io.wardgate.api.Observation;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.driver.Decoded;
import io.wardgate.api.driver.Peer;
import io.wardgate.api.driver.ProtocolSession;
import io.wardgate.sim.RecordingOutput;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The HL7 session on the example messages (see {@link Messages} for their sources). */
class Hl7SessionTest {
    static final Instant NOW = Instant.parse("2026-11-29T10:00:01Z");
    static final String MONITOR = "0019C5FFFE4A3B2C";
    static final List<String> MAPPINGS = List.of(
            "# the vendor variants' local and LOINC codes",
            "metric 99ACME HR 147842",
            "metric 99ACME SPO2 150456",
            "unit - bpm 264864",
            "metric LN 8310-5 150364",
            "metric LN 2708-6 150456",
            "metric LN 9279-1 151562",
            "metric LN 8480-6 150021",
            "metric LN 8462-4 150022");

    static ProtocolSession session(int maxBytes) {
        ProtocolSession session = new Hl7Driver(2575, maxBytes, MAPPINGS, ZoneId.of("Europe/Berlin"))
                .openSession(new Peer("192.0.2.17", 40000));
        return session;
    }

    static PolicyOutput feed(Set<String> allowed, byte[]... chunks) {
        ProtocolSession session = session(64 * 1024);
        PolicyOutput out = new PolicyOutput(allowed);
        session.start(NOW, out);
        for (byte[] chunk : chunks) {
            session.receive(chunk, 0, chunk.length, NOW, out);
        }
        return out;
    }

    @Test
    void pcd01FromAnAdmittedMonitorIsReadAndAcceptedWithItsControlId() {
        PolicyOutput out = feed(Set.of(MONITOR), Messages.framed("pcd01-v26-monitor.hl7"));

        assertThat(out.recorded.identities()).singleElement().satisfies(id -> {
            assertThat(id.model()).isEqualTo("ACME_MONITOR/ICU-EAST");
            assertThat(id.eui64()).isEqualTo(MONITOR);
            assertThat(id.offset()).isZero();
        });
        Observation spo2 = out.recorded.observation("MDC_PULS_OXIM_SAT_O2");
        assertThat(spo2.value().toString()).isEqualTo("98");
        assertThat(spo2.unit().ucum()).isEqualTo("%");
        assertThat(spo2.metric().loinc()).isEqualTo("2708-6");
        assertThat(spo2.deviceTime()).isEqualTo(Instant.parse("2026-11-29T09:59:58Z"));
        assertThat(spo2.receivedAt()).isEqualTo(NOW);
        assertThat(out.recorded.observation("MDC_PRESS_BLD_NONINV_SYS").unit().ucum()).isEqualTo("mm[Hg]");
        assertThat(out.recorded.observation("MDC_TEMP_BODY").value().toString()).isEqualTo("37.2");
        assertThat(out.recorded.observations()).hasSize(5);
        assertThat(out.recorded.errors()).isEmpty();
        // MSH-15 AL, MSH-16 NE (PCD-01): enhanced mode, an accept acknowledgement.
        assertThat(out.acks()).hasSize(1);
        assertThat(out.msa(0)).isEqualTo("CA|MSG00001");
        assertThat(out.acks().get(0)).startsWith("MSH|^~\\&|").contains("|ACK^R01^ACK|").contains("|2.6");
    }

    @Test
    void anUnknownSenderIsRefusedWithArButItsReadingsStillGoToThePolicy() {
        PolicyOutput out = feed(Set.of(), Messages.framed("pcd01-v26-monitor.hl7"));

        assertThat(out.asked).isNotEmpty().allMatch(MONITOR::equals);
        assertThat(out.msa(0)).isEqualTo("CR|MSG00001");
        assertThat(out.acks().get(0)).contains("ERR|").contains("not admitted");
        assertThat(out.recorded.observations()).hasSize(5); // the policy drops them and lists the device pending
    }

    @Test
    void aTransportThatDoesNotConsultThePolicyAdmitsNobody() {
        ProtocolSession session = session(64 * 1024);
        RecordingOutput out = new RecordingOutput();
        byte[] message = Messages.framed("pcd01-v26-monitor.hl7");
        session.start(NOW, out);
        session.receive(message, 0, message.length, NOW, out);
        assertThat(new String(out.sent().get(0), StandardCharsets.UTF_8)).contains("MSA|CR|MSG00001");
    }

    @Test
    void msh15DecidesWhenAnAcceptAcknowledgementIsSent() {
        String pcd01 = Messages.er7("pcd01-v26-monitor.hl7");
        byte[] never = MllpFrames.wrap(pcd01.replace("|AL|NE|", "|NE|NE|"));
        byte[] onErrors = MllpFrames.wrap(pcd01.replace("|AL|NE|", "|ER|NE|"));
        assertThat(feed(Set.of(MONITOR), never).acks()).isEmpty();
        assertThat(feed(Set.of(), never).acks()).isEmpty();
        assertThat(feed(Set.of(MONITOR), onErrors).acks()).isEmpty();
        assertThat(feed(Set.of(), onErrors).msa(0)).isEqualTo("CR|MSG00001");
    }

    @Test
    void version23WithLocalCodesIsMappedByTheTableAndAnsweredInOriginalMode() {
        PolicyOutput out = feed(Set.of(""), Messages.framed("vendor-v23.hl7"));

        assertThat(out.recorded.identities()).singleElement().satisfies(id -> {
            assertThat(id.model()).isEqualTo("CENTRAL/WARD3");
            assertThat(id.eui64()).isEmpty();
        });
        Observation hr = out.recorded.observation("MDC_ECG_HEART_RATE");
        assertThat(hr.value().toString()).isEqualTo("64");
        assertThat(hr.unit().referenceId()).isEqualTo("MDC_DIM_BEAT_PER_MIN");
        // No offset: read in the configured zone (Europe/Berlin, UTC+1 in November).
        assertThat(hr.deviceTime()).isEqualTo(Instant.parse("2026-11-29T09:04:55Z"));
        assertThat(out.recorded.observation("MDC_PULS_OXIM_SAT_O2").unit().referenceId()).isEqualTo("MDC_DIM_PERCENT");
        assertThat(out.recorded.observations()).hasSize(2);
        // RR is in no table, RHYTHM is text: reported, never guessed.
        assertThat(out.recorded.events()).extracting(Decoded.EventDecoded::detail)
                .anyMatch(d -> d.contains("RR^Resp rate^99ACME") && d.contains("not forwarded"))
                .anyMatch(d -> d.contains("value type ST"));
        assertThat(out.recorded.events()).allMatch(e -> e.kind() == DeviceEvent.Kind.MALFORMED_INPUT);
        assertThat(out.msa(0)).isEqualTo("AA|V23-0042");
    }

    @Test
    void version25WithLoincUsesMdcAlternatesTheTableStatusesAndAbnormalFlags() {
        PolicyOutput out = feed(Set.of(""), Messages.framed("vendor-v25-loinc.hl7"));

        // OBX-3 LOINC with an MDC alternate: the MDC coding is taken without a table entry.
        assertThat(out.recorded.observation("MDC_ECG_HEART_RATE").unit().referenceId())
                .isEqualTo("MDC_DIM_BEAT_PER_MIN");
        assertThat(out.recorded.observation("MDC_TEMP_BODY").deviceTime())
                .isEqualTo(Instant.parse("2026-11-29T09:09:00Z"));
        assertThat(out.recorded.observation("MDC_PULS_OXIM_SAT_O2").status()).containsExactly(StatusFlag.IN_ALARM);
        Observation rr = out.recorded.observation("MDC_RESP_RATE");
        assertThat(rr.value()).isNull();
        assertThat(rr.status()).containsExactly(StatusFlag.UNAVAILABLE);
        assertThat(out.recorded.observation("MDC_PRESS_BLD_NONINV_SYS").status())
                .containsExactly(StatusFlag.QUESTIONABLE);
        assertThat(out.recorded.observations()).noneMatch(o -> o.metric().referenceId().equals("MDC_PRESS_BLD_NONINV_DIA"));
        assertThat(out.recorded.events()).extracting(Decoded.EventDecoded::detail)
                .anyMatch(d -> d.contains("status 'D'"));
        assertThat(out.msa(0)).isEqualTo("AA|V25-7");
    }

    @Test
    void unmappedCodesAreReportedOncePerSession() {
        byte[] message = Messages.framed("vendor-v23.hl7");
        PolicyOutput out = feed(Set.of(""), message, message, message);
        assertThat(out.recorded.events()).hasSize(2);
        assertThat(out.acks()).hasSize(3);
    }

    @Test
    void otherMessageTypesVersionsAndProcessingIdsAreRefusedWithAr() {
        String oru = Messages.er7("vendor-v23.hl7");
        PolicyOutput out = feed(Set.of(""), Messages.framed("adt-a01.hl7"),
                MllpFrames.wrap(oru.replace("|P|2.3", "|P|2.8")), MllpFrames.wrap(oru.replace("|P|2.3", "|T|2.3")));

        assertThat(out.msa(0)).isEqualTo("AR|ADT-1");
        assertThat(out.acks().get(0)).contains("ERR|").contains("|200^");
        assertThat(out.msa(1)).isEqualTo("AR|V23-0042");
        assertThat(out.acks().get(1)).contains("|203^");
        assertThat(out.msa(2)).isEqualTo("AR|V23-0042");
        assertThat(out.acks().get(2)).contains("|202^");
        assertThat(out.recorded.errors()).hasSize(3);
        assertThat(out.recorded.observations()).isEmpty();
    }

    @Test
    void malformedContentIsAnErrorAndAnAeWhenTheHeaderCanBeRead() {
        String oru = Messages.er7("vendor-v23.hl7");
        PolicyOutput out = feed(Set.of(""),
                MllpFrames.wrap("this is not HL7\r"),
                MllpFrames.wrap(oru.replace("|64|", "|6x4|")),
                MllpFrames.wrap(oru));

        assertThat(out.recorded.errors()).extracting(Decoded.FramingError::reason)
                .anyMatch(r -> r.contains("not a readable HL7 v2 message"))
                .anyMatch(r -> r.contains("OBX-5") && r.contains("not a number"));
        // The garbage gets no answer (no MSH to answer); the bad value is one OBX, the message is accepted.
        assertThat(out.acks()).hasSize(2);
        assertThat(out.msa(0)).isEqualTo("AA|V23-0042");
        assertThat(out.recorded.observations()).hasSize(3);
    }

    @Test
    void anOversizedFrameIsSkippedAnsweredAeAndTheNextFrameIsRead() {
        String big = Messages.er7("vendor-v23.hl7") + "NTE|1||" + "x".repeat(3000) + "\r";
        ProtocolSession session = session(1024);
        PolicyOutput out = new PolicyOutput(Set.of(""));
        session.start(NOW, out);
        byte[] oversized = MllpFrames.wrap(big);
        byte[] good = Messages.framed("vendor-v23.hl7");
        session.receive(oversized, 0, oversized.length, NOW, out);
        session.receive(good, 0, good.length, NOW, out);

        assertThat(out.recorded.errors()).singleElement().satisfies(e -> {
            assertThat(e.reason()).contains("longer than 1024 bytes");
            assertThat(e.offset()).isZero();
        });
        assertThat(out.msa(0)).isEqualTo("AE|V23-0042");
        assertThat(out.msa(1)).isEqualTo("AA|V23-0042");
        assertThat(out.recorded.observations()).hasSize(2).allMatch(o -> true);
        assertThat(out.recorded.readings().get(0).offset()).isEqualTo(oversized.length);
    }

    @Test
    void inEnhancedModeATooLongMessageIsAnsweredCe() {
        String pcd01 = Messages.er7("pcd01-v26-monitor.hl7");
        PolicyOutput tooLong = new PolicyOutput(Set.of(MONITOR));
        ProtocolSession session = session(1024);
        byte[] big = MllpFrames.wrap(pcd01 + "NTE|1||" + "x".repeat(2000) + "\r");
        session.start(NOW, tooLong);
        session.receive(big, 0, big.length, NOW, tooLong);
        assertThat(tooLong.msa(0)).isEqualTo("CE|MSG00001");
    }

    @Test
    void aTruncatedFrameTimesOutAndTheSessionRecovers() {
        ProtocolSession session = session(64 * 1024);
        PolicyOutput out = new PolicyOutput(Set.of(MONITOR));
        session.start(NOW, out);
        byte[] whole = Messages.framed("pcd01-v26-monitor.hl7");
        session.receive(whole, 0, whole.length / 2, NOW, out); // a slow or dead sender stops mid-frame
        session.tick(NOW.plus(Hl7Session.FRAME_TIMEOUT), out);
        assertThat(out.recorded.errors()).isEmpty();
        session.tick(NOW.plus(Hl7Session.FRAME_TIMEOUT).plusSeconds(1), out);
        assertThat(out.recorded.errors()).singleElement().satisfies(e -> assertThat(e.reason()).contains("not completed"));

        session.receive(whole, 0, whole.length, NOW.plus(Duration.ofMinutes(1)), out);
        assertThat(out.recorded.observations()).hasSize(5);
        assertThat(out.acks()).hasSize(1);
    }

    @Test
    void aSteadyStreamSplitInsideFramesIsNeverTimedOut() {
        ProtocolSession session = session(64 * 1024);
        PolicyOutput out = new PolicyOutput(Set.of(MONITOR));
        session.start(NOW, out);
        byte[] message = Messages.framed("pcd01-v26-monitor.hl7");
        byte[] stream = concat(message, message, message, message, message, message);
        int chunk = message.length / 2 + 7; // every read ends inside a frame
        Instant now = NOW;
        for (int i = 0; i < stream.length; i += chunk, now = now.plusSeconds(20)) {
            session.receive(stream, i, Math.min(chunk, stream.length - i), now, out);
            session.tick(now, out);
        }
        assertThat(out.recorded.errors()).isEmpty();
        assertThat(out.acks()).hasSize(6);
    }

    @Test
    void byteAtATimeGivesWhatWholeFramesGive() {
        byte[] stream = concat(Messages.framed("pcd01-v26-monitor.hl7"), Messages.framed("vendor-v23.hl7"),
                Messages.framed("vendor-v25-loinc.hl7"));
        PolicyOutput whole = feed(Set.of(MONITOR, ""), stream);
        ProtocolSession session = session(64 * 1024);
        PolicyOutput single = new PolicyOutput(Set.of(MONITOR, ""));
        session.start(NOW, single);
        for (int i = 0; i < stream.length; i++) {
            session.receive(stream, i, 1, NOW, single);
        }
        assertThat(single.recorded.items()).isEqualTo(whole.recorded.items());
        assertThat(single.acks()).isEqualTo(whole.acks()).hasSize(3);
    }

    @Test
    void bytesBetweenFramesAreReportedOnceAndLineEndsAreTolerated() {
        byte[] good = Messages.framed("vendor-v23.hl7");
        PolicyOutput out = feed(Set.of(""), "\r\n".getBytes(StandardCharsets.US_ASCII), good,
                "GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII), good);
        assertThat(out.recorded.errors()).singleElement()
                .satisfies(e -> assertThat(e.offset()).isEqualTo(2 + good.length));
        assertThat(out.acks()).hasSize(2);
    }

    @Test
    void aBadMappingTableIsRefusedNamingTheEntry() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Hl7Driver(2575, 4096,
                List.of("metric LN 8867-4 147842", "metric LN 1234-5 999999"), ZoneId.of("UTC")))
                .hasMessageContaining("mapping entry 2").hasMessageContaining("999999");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Hl7Driver(2575, 4096,
                List.of("code LN 8867-4 147842"), ZoneId.of("UTC"))).hasMessageContaining("mapping entry 1");
    }

    static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            all.writeBytes(p);
        }
        return all.toByteArray();
    }
}
