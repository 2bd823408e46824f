package io.wardgate.driver.intellivue;

import static io.wardgate.driver.intellivue.IntelliVueIds.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wardgate.driver.intellivue.sim.MonitorPdus;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MessageParserTest {

    @Test
    void associationResultCarriesTheMonitorsMinPollPeriod() throws MalformedPdu {
        Message message = MessageParser.parse(MonitorPdus.associationResult(2500));
        assertThat(message).isEqualTo(new Message.AssociationAccepted(2500));
        // 2500 x 125 us = 312.5 ms: the monitor drops a silent association after 10 s
        assertThat(IntelliVueSession.associationTimeout(2500)).isEqualTo(Duration.ofSeconds(10));
        assertThat(IntelliVueSession.associationTimeout(8 * 20_000)).isEqualTo(Duration.ofSeconds(60));
        assertThat(IntelliVueSession.associationTimeout(8 * 50_000)).isEqualTo(Duration.ofSeconds(130));
    }

    @Test
    void associationResultWithoutUserInfoIsStillAnAcceptance() throws MalformedPdu {
        assertThat(MessageParser.parse(Hex.bytes("0E 02 AA BB"))).isEqualTo(new Message.AssociationAccepted(-1));
    }

    @Test
    void sessionPdusByTheirFirstByte() throws MalformedPdu {
        assertThat(MessageParser.parse(HostRequests.ABORT)).isInstanceOf(Message.Aborted.class);
        assertThat(MessageParser.parse(HostRequests.RELEASE_REQUEST)).isInstanceOf(Message.ReleaseRequested.class);
        assertThat(MessageParser.parse(HostRequests.RELEASE_RESULT)).isInstanceOf(Message.Released.class);
        assertThat(MessageParser.parse(Hex.bytes("0C 03 32 01 00"))).isInstanceOf(Message.AssociationRefused.class);
        assertThat(MessageParser.parse(HostRequests.associationRequest())).isInstanceOf(Message.Other.class);
    }

    @Test
    void mdsCreateEventReport() throws MalformedPdu {
        byte[] pdu = MonitorPdus.mdsCreate(7, 1, list -> MonitorPdus.ava(list, NOM_ATTR_SYS_ID,
                v -> v.u16(6).bytes(Hex.bytes("00 09 FB 12 34 56"))));
        Message.MdsCreated created = (Message.MdsCreated) MessageParser.parse(pdu);
        assertThat(created.invokeId()).isEqualTo(7);
        assertThat(created.eventTime()).isEqualTo(0x1234);
        assertThat(created.attributes()).singleElement().satisfies(ava -> {
            assertThat(ava.id()).isEqualTo(NOM_ATTR_SYS_ID);
            assertThat(Hex.of(ava.value())).isEqualTo("00 06 00 09 FB 12 34 56");
        });
    }

    @Test
    void extendedPollResultAndItsLinkedForm() throws MalformedPdu {
        for (boolean linked : new boolean[] {false, true}) {
            byte[] pdu = MonitorPdus.extendedPollReply(3, linked, NOM_MOC_VMO_METRIC_NU, 2, polls -> {
                polls.u16(0x50);
                MonitorPdus.attributes(polls, 1, list -> MonitorPdus.ava(list, NOM_ATTR_NU_VAL_OBS,
                        v -> MonitorPdus.nuObsValue(v, NOM_ECG_CARD_BEAT_RATE, 0, NOM_DIM_BEAT_PER_MIN, 60)));
                polls.u16(0x51);
                MonitorPdus.attributes(polls, 0, list -> { });
            });
            Message.PollReply reply = (Message.PollReply) MessageParser.parse(pdu);
            assertThat(reply.last()).isEqualTo(!linked);
            assertThat(reply.invokeId()).isEqualTo(3);
            assertThat(reply.objectClass()).isEqualTo(NOM_MOC_VMO_METRIC_NU);
            assertThat(reply.polls()).extracting(Message.ObservationPoll::handle).containsExactly(0x50, 0x51);
        }
    }

    @Test
    void truncatedOrForgedPdusAreMalformedNotExceptionsOfAnotherKind() {
        byte[] pdu = MonitorPdus.extendedPollReply(3, false, NOM_MOC_VMO_METRIC_NU, 1, polls -> {
            polls.u16(0x50);
            MonitorPdus.attributes(polls, 1, list -> MonitorPdus.ava(list, NOM_ATTR_NU_VAL_OBS,
                    v -> MonitorPdus.nuObsValue(v, NOM_ECG_CARD_BEAT_RATE, 0, NOM_DIM_BEAT_PER_MIN, 60)));
        });
        for (int cut = 0; cut < pdu.length; cut++) {
            byte[] truncated = Arrays.copyOf(pdu, cut);
            assertThatThrownBy(() -> MessageParser.parse(truncated)).as("cut at %d", cut).isInstanceOf(MalformedPdu.class);
        }
        byte[] forgedCount = pdu.clone();
        forgedCount[52] = (byte) 0xFF; // observation poll count 0xFF01, one present
        assertThatThrownBy(() -> MessageParser.parse(forgedCount)).isInstanceOf(MalformedPdu.class);
        assertThatThrownBy(() -> MessageParser.parse(Hex.bytes("E1 01 00 02 00 01 00 00")))
                .hasMessageContaining("unknown session id 0xE101");
        assertThatThrownBy(() -> MessageParser.parse(Hex.bytes("42 00"))).hasMessageContaining("unknown session PDU type 0x42");
    }
}
