package io.wardgate.driver.intellivue;

import static io.wardgate.driver.intellivue.IntelliVueIds.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wardgate.api.Alarm;
import io.wardgate.api.AlarmPriority;
import io.wardgate.api.DeviceEvent;
import io.wardgate.api.VitalSign;
import io.wardgate.api.driver.Decoded;
import io.wardgate.api.driver.SerialDriver;
import io.wardgate.driver.intellivue.sim.MonitorPdus;
import io.wardgate.sim.Discovered;
import io.wardgate.sim.RecordingOutput;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The session's state machine against scripted monitor PDUs: timeouts, backoff and lost associations. */
class IntelliVueSessionTest {
    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");

    private final IntelliVueSession session = new IntelliVueSession();
    private final RecordingOutput out = new RecordingOutput();
    private final List<Decoded> decoded = out.items();
    private final List<byte[]> sent = out.sent();

    private void receive(byte[] pdu, Instant at) {
        byte[] frame = FrameEncoder.frame(pdu);
        session.receive(frame, 0, frame.length, at, out);
    }

    private List<byte[]> sentPdus() {
        RecordingSink sink = new RecordingSink();
        FrameDecoder decoder = new FrameDecoder(4096);
        for (byte[] bytes : sent) {
            decoder.feed(bytes, 0, bytes.length, sink);
        }
        assertThat(sink.errors).isEmpty();
        return sink.frames.stream().map(RecordingSink.Frame::userData).toList();
    }

    private int associationRequestsSent() {
        return (int) sentPdus().stream().filter(pdu -> pdu[0] == CN_SPDU_SI).count();
    }

    @Test
    void isRegisteredAsIntellivue() {
        SerialDriver driver = Discovered.serialDriver("intellivue").orElseThrow();
        assertThat(driver.protocol()).isEqualTo("intellivue");
        assertThat(driver.openSession()).isInstanceOf(IntelliVueSession.class);
    }

    @Test
    void startSendsTheAssociationRequest() {
        session.start(T0, out);
        assertThat(sentPdus()).singleElement().isEqualTo(HostRequests.associationRequest());
        assertThat(session.state()).isEqualTo(IntelliVueSession.State.ASSOCIATING);
    }

    @Test
    void unansweredAssociationRequestsAreRepeatedWithADoublingBackoff() {
        session.start(T0, out);
        Instant t = T0;
        List<Instant> requests = new ArrayList<>(List.of(T0));
        int seen = 1;
        while (t.isBefore(T0.plusSeconds(60))) {
            t = t.plusMillis(100);
            session.tick(t, out);
            if (associationRequestsSent() > seen) {
                seen++;
                requests.add(t);
            }
        }
        // 5 s response timeout, then backoff 1 s, 2 s, 4 s, 8 s, 16 s
        List<Duration> gaps = new ArrayList<>();
        for (int i = 1; i < requests.size(); i++) {
            gaps.add(Duration.between(requests.get(i - 1), requests.get(i)));
        }
        assertThat(gaps).startsWith(Duration.ofSeconds(6), Duration.ofSeconds(7), Duration.ofSeconds(9),
                Duration.ofSeconds(13));
        assertThat(decoded).isEmpty(); // never associated: nothing to report
    }

    @Test
    void acceptedThenNoMdsCreateEventAbortsAndRetries() {
        session.start(T0, out);
        receive(MonitorPdus.associationResult(1000), T0.plusMillis(50));
        assertThat(session.state()).isEqualTo(IntelliVueSession.State.AWAIT_MDS_CREATE);
        session.tick(T0.plusSeconds(6), out);
        assertThat(session.state()).isEqualTo(IntelliVueSession.State.BACKOFF);
        assertThat(decoded).extracting(d -> ((Decoded.EventDecoded) d).kind())
                .containsExactly(DeviceEvent.Kind.CONNECTED, DeviceEvent.Kind.DISCONNECTED);
        assertThat(sentPdus().get(sentPdus().size() - 1)).isEqualTo(HostRequests.ABORT);
    }

    @Test
    void mdsCreateEventIsConfirmedAndTheMdsPolled() {
        session.start(T0, out);
        receive(MonitorPdus.associationResult(1000), T0.plusMillis(50));
        receive(MonitorPdus.mdsCreate(0x42, 0, list -> { }), T0.plusMillis(60));
        session.tick(T0.plusMillis(200), out);
        List<byte[]> pdus = sentPdus();
        assertThat(pdus.get(1)).isEqualTo(HostRequests.mdsCreateEventResult(0x42, 0x1234));
        assertThat(pdus.get(2)).isEqualTo(HostRequests.singlePoll(1, 1, NOM_MOC_VMS_MDS, NOM_ATTR_GRP_ALL));
        assertThat(session.state()).isEqualTo(IntelliVueSession.State.AWAIT_MDS_ATTRIBUTES);
    }

    @Test
    void refusalAndReleaseRequestsAreHandled() {
        session.start(T0, out);
        receive(Hex.bytes("0C 03 32 01 00"), T0.plusMillis(10));
        assertThat(session.state()).isEqualTo(IntelliVueSession.State.BACKOFF);
        session.tick(T0.plusMillis(1100), out);
        assertThat(session.state()).isEqualTo(IntelliVueSession.State.ASSOCIATING);
        receive(MonitorPdus.associationResult(1000), T0.plusMillis(1200));
        receive(HostRequests.RELEASE_REQUEST, T0.plusMillis(1300));
        assertThat(sentPdus()).last().isEqualTo(HostRequests.RELEASE_RESULT);
        assertThat(decoded).extracting(d -> ((Decoded.EventDecoded) d).detail()).containsExactly(
                "association refused by the monitor", "association accepted", "association released by the monitor");
    }

    @Test
    void badFramesAndPdusBecomeFramingErrorsWithTheirOffsets() {
        session.start(T0, out);
        byte[] garbage = Hex.bytes("00 11 22");
        session.receive(garbage, 0, garbage.length, T0, out);
        receive(Hex.bytes("E1 00 00 02 00 02 00 40"), T0); // RORS claiming 64 bytes, carrying none
        assertThat(decoded).extracting(d -> d.offset()).containsExactly(0L, 3L);
        assertThat(decoded).allSatisfy(d -> assertThat(d).isInstanceOf(Decoded.FramingError.class));
        assertThat(((Decoded.FramingError) decoded.get(1)).reason()).startsWith("malformed PDU: ROapdus");
    }

    /** Association, MDS create and MDS attributes: the session is polling. */
    private void associate() {
        session.start(T0, out);
        receive(MonitorPdus.associationResult(1000), T0.plusMillis(50));
        receive(MonitorPdus.mdsCreate(0x42, 0, list -> { }), T0.plusMillis(60));
        receive(MonitorPdus.extendedPollReply(1, false, NOM_MOC_VMS_MDS, 0, p -> { }), T0.plusMillis(70));
        assertThat(session.state()).isEqualTo(IntelliVueSession.State.POLLING);
    }

    @Test
    void pollingAsksForTheAlertMonitorWithTheNumerics() {
        associate();
        session.tick(T0.plusMillis(1100), out); // due, but the first is unanswered: not repeated yet
        receive(AlertsTest.corpusAlertPdu(), T0.plusMillis(1150));
        session.tick(T0.plusMillis(1300), out);
        List<byte[]> alertPolls = sentPdus().stream()
                .filter(pdu -> pdu.length >= 34 && ((pdu[32] & 0xFF) << 8 | pdu[33] & 0xFF) == NOM_MOC_VMO_AL_MON)
                .toList();
        // at the start of polling, and once the first was answered and a numeric period passed
        assertThat(alertPolls).hasSize(2);
        assertThat(alertPolls.get(0)).endsWith(0x08, 0x01, 0, 0, 0, 0); // NOM_ATTR_GRP_AL_MON, no extra attributes
    }

    @Test
    void anAlertAnswerFedByteAtATimeGivesTheSameAlarmsAsAtOnce() {
        associate();
        byte[] frame = FrameEncoder.frame(AlertsTest.corpusAlertPdu());
        int before = decoded.size();
        for (int i = 0; i < frame.length; i++) {
            session.receive(frame, i, 1, T0.plusMillis(100), out);
        }
        List<Alarm> alarms = decoded.subList(before, decoded.size()).stream()
                .map(d -> ((Decoded.AlarmDecoded) d).alarm()).toList();
        assertThat(alarms).extracting(Alarm::text).containsExactly("Desat", "Leads Off");
        assertThat(alarms).extracting(Alarm::priority).containsExactly(AlarmPriority.HIGH, AlarmPriority.MEDIUM);
        assertThat(alarms.get(0).source()).isEqualTo(VitalSign.SPO2.metric());
    }

    @Test
    void aTruncatedAlertAttributeIsAFramingErrorAndEndsNothing() {
        associate();
        receive(AlertsTest.corpusAlertPdu(), T0.plusMillis(100));
        int before = decoded.size();
        // the same answer, its technical list's length claiming 0x40 more bytes than the attribute holds
        byte[] pdu = AlertsTest.corpusAlertPdu();
        byte[] tList = {0x09, 0x04};
        int at = indexOf(pdu, tList);
        pdu[at + 7] = (byte) ((pdu[at + 7] & 0xFF) + 0x40);
        receive(pdu, T0.plusMillis(1100));
        List<Decoded> after = decoded.subList(before, decoded.size());
        assertThat(after).singleElement().isInstanceOfSatisfying(Decoded.FramingError.class,
                error -> assertThat(error.reason()).startsWith("technical alert list not read"));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    @Test
    void settingsAreBounded() {
        IntelliVueSettings d = IntelliVueSettings.defaults();
        assertThatThrownBy(() -> new IntelliVueSettings(Duration.ZERO, d.wavePollPeriod(), true, d.responseTimeout(),
                d.silenceTimeout(), d.backoffMin(), d.backoffMax(), d.maxFrameLength()))
                .hasMessageContaining("numericPollPeriod");
        assertThatThrownBy(() -> new IntelliVueSettings(d.numericPollPeriod(), d.wavePollPeriod(), true,
                d.responseTimeout(), d.silenceTimeout(), Duration.ofSeconds(5), Duration.ofSeconds(1), d.maxFrameLength()))
                .hasMessageContaining("backoffMax");
        assertThatThrownBy(() -> new IntelliVueSettings(d.numericPollPeriod(), d.wavePollPeriod(), true,
                d.responseTimeout(), d.silenceTimeout(), d.backoffMin(), d.backoffMax(), 10))
                .hasMessageContaining("maxFrameLength");
    }
}
