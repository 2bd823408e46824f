package io.wardgate.driver.intellivue;

import static io.wardgate.driver.intellivue.IntelliVueIds.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wardgate.api.Alarm;
import io.wardgate.api.AlarmPriority;
import io.wardgate.api.AlarmState;
import io.wardgate.api.VitalSign;
import io.wardgate.driver.intellivue.Message.Ava;
import io.wardgate.driver.intellivue.Message.ObservationPoll;
import io.wardgate.driver.intellivue.sim.MonitorAlert;
import io.wardgate.driver.intellivue.sim.MonitorPdus;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Alert monitor attributes into alarm changes. Fields as the Philips Data Export guide lays them out
 * ("Alert Monitor Object": Device Alert Condition, Device P-Alarm List NOM_ATTR_AL_MON_P_AL_LIST 0x0902,
 * Device T-Alarm List NOM_ATTR_AL_MON_T_AL_LIST 0x0904, DevAlarmEntry, AlMonGenInfo, StrAlMonInfo).
 */
class AlertsTest {
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(1);
    private static final Instant T2 = T0.plusSeconds(2);

    /**
     * A DevAlarmList of one entry (derived from the guide's layout, no capture): count 1, length 38;
     * al_source 0x4BB8 (SpO2, SCADA since al_code is even), al_code 0x000A, al_type HI_PRI_P_AL 0x0400,
     * al_state AL_NEW_ALERT 0x0008, object (class 0x0036, context 0, handle 0), alert_info_id
     * STR_ALMON_INFO 0x0204, length 20: al_inst_no 0, al_text 1, priority 0, flags 0, String of 8 bytes
     * "SpO2" in UTF-16.
     */
    static final String ONE_SPO2_ALERT = "00 01 00 26"
            + " 4B B8 00 0A 04 00 00 08 00 36 00 00 00 00 02 04 00 14"
            + " 00 00 00 00 00 01 00 00 00 00 00 08 00 53 00 70 00 4F 00 32";

    @Test
    void theSpelledOutEntryDecodesFieldByField() throws MalformedPdu {
        List<Alarm> alarms = Alerts.devAlarmList(new PduReader(Hex.bytes(ONE_SPO2_ALERT)), 0, T0);
        assertThat(alarms).singleElement().satisfies(alarm -> {
            assertThat(alarm.source()).isEqualTo(VitalSign.SPO2.metric());
            assertThat(alarm.code()).isEqualTo("intellivue:4BB8.000A");
            assertThat(alarm.text()).isEqualTo("SpO2");
            assertThat(alarm.priority()).isEqualTo(AlarmPriority.HIGH);
            assertThat(alarm.state()).isEqualTo(AlarmState.ACTIVE);
            assertThat(alarm.deviceTime()).isNull();
            assertThat(alarm.gatewayTime()).isEqualTo(T0);
        });
        // the simulator writes the same bytes for the same alert (its text id counts from 1)
        PduWriter written = new PduWriter();
        MonitorPdus.devAlarmList(written, List.of(new MonitorAlert(0x4BB8, 0x000A, HI_PRI_P_AL, AL_NEW_ALERT, "SpO2")));
        assertThat(Hex.of(written.toByteArray())).isEqualTo(Hex.of(Hex.bytes(ONE_SPO2_ALERT)));
    }

    @Test
    void alertTypesMapToPrioritiesAndUnknownTypesAreCarriedAsInformation() {
        assertThat(Alerts.priority(HI_PRI_P_AL)).isEqualTo(AlarmPriority.HIGH); // red ***
        assertThat(Alerts.priority(HI_PRI_T_AL)).isEqualTo(AlarmPriority.HIGH); // red INOP
        assertThat(Alerts.priority(MED_PRI_P_AL)).isEqualTo(AlarmPriority.MEDIUM); // yellow **
        assertThat(Alerts.priority(MED_PRI_T_AL)).isEqualTo(AlarmPriority.MEDIUM); // yellow INOP
        assertThat(Alerts.priority(LOW_PRI_P_AL)).isEqualTo(AlarmPriority.LOW); // short yellow *
        assertThat(Alerts.priority(LOW_PRI_T_AL)).isEqualTo(AlarmPriority.LOW); // cyan INOP
        assertThat(Alerts.priority(NO_ALERT)).isEqualTo(AlarmPriority.INFO);
        assertThat(Alerts.priority(0x0010)).isEqualTo(AlarmPriority.INFO);
        assertThat(Alerts.priority(LOW_PRI_P_AL | HI_PRI_T_AL)).isEqualTo(AlarmPriority.HIGH); // never lowered
    }

    @Test
    void silencedSuspendedAndInhibitedAreSilencedLatchedStaysActive() {
        assertThat(Alerts.state(AL_NEW_ALERT)).isEqualTo(AlarmState.ACTIVE);
        assertThat(Alerts.state(AL_LATCHED)).isEqualTo(AlarmState.ACTIVE);
        assertThat(Alerts.state(AL_SILENCED_RESET)).isEqualTo(AlarmState.SILENCED);
        assertThat(Alerts.state(AL_SUSPENDED)).isEqualTo(AlarmState.SILENCED);
        assertThat(Alerts.state(AL_INHIBITED)).isEqualTo(AlarmState.SILENCED);
    }

    @Test
    void unknownCodesAndObjectSourcesAreNamedByTheirNumbersNeverDropped() throws MalformedPdu {
        List<Alarm> alarms = decode(0, List.of(
                new MonitorAlert(0x7777, 0x0100, MED_PRI_P_AL, 0, ""), // SCADA id the table does not name
                new MonitorAlert(0x0C01, 0x0101, LOW_PRI_T_AL, 0, ""), // odd code: source from the object partition
                new MonitorAlert(0x4182, 0x0200, LOW_PRI_P_AL, 0, "\u00c9CG \u0001HR")));
        assertThat(alarms).hasSize(3);
        assertThat(alarms.get(0).source()).isNull();
        assertThat(alarms.get(0).code()).isEqualTo("intellivue:7777.0100");
        assertThat(alarms.get(0).text()).isEqualTo("source 0x7777 alert 0x0100 (MDC event 196864)");
        assertThat(alarms.get(1).source()).isNull();
        assertThat(alarms.get(1).code()).isEqualTo("intellivue:0C01.0101");
        assertThat(alarms.get(1).text()).isEqualTo("object 0x0C01 alert 0x0101 (MDC event 196864)");
        assertThat(alarms.get(2).source()).isEqualTo(VitalSign.HEART_RATE.metric());
        assertThat(alarms.get(2).text()).as("non-ASCII as '?'").isEqualTo("?CG ?HR");
    }

    @Test
    void theDeviceWideStateSilencesEveryEntryAndDemoModeIsSaid() throws MalformedPdu {
        List<Alarm> paused = decode(AL_SUSPENDED, List.of(new MonitorAlert(0x4BB8, 0x000A, HI_PRI_P_AL, 0, "SpO2")));
        assertThat(paused).singleElement().extracting(Alarm::state).isEqualTo(AlarmState.SILENCED);
        List<Alarm> demo = decode(0, List.of(new MonitorAlert(0x4BB8, 0x000A, HI_PRI_P_AL, AL_DEV_IN_DEMO_MODE,
                "x".repeat(64))));
        assertThat(demo.get(0).text()).endsWith(" [demo mode]");
    }

    @Test
    void consecutiveListsBecomeRaisedSilencedAndEndedEachListOnItsOwn() {
        Alerts alerts = new Alerts();
        MonitorAlert spo2 = new MonitorAlert(0x4BB8, 0x000A, HI_PRI_P_AL, AL_NEW_ALERT, "Desat");
        MonitorAlert leads = new MonitorAlert(0x0102, 0x0103, MED_PRI_T_AL, 0, "Leads Off");

        Alerts.Result first = alerts.fromPolls(answer(List.of(spo2, leads)), T0);
        assertThat(first.problems()).isEmpty();
        assertThat(first.changes()).extracting(Alarm::text, Alarm::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Desat", AlarmState.ACTIVE),
                        org.assertj.core.groups.Tuple.tuple("Leads Off", AlarmState.ACTIVE));
        assertThat(alerts.fromPolls(answer(List.of(spo2, leads)), T1).changes()).as("repeated: no change").isEmpty();

        MonitorAlert silenced = new MonitorAlert(0x4BB8, 0x000A, HI_PRI_P_AL, AL_SILENCED_RESET, "Desat");
        assertThat(alerts.fromPolls(answer(List.of(silenced, leads)), T1).changes()).singleElement()
                .extracting(Alarm::state).isEqualTo(AlarmState.SILENCED);

        Alerts.Result ended = alerts.fromPolls(answer(List.of(leads)), T2);
        assertThat(ended.changes()).singleElement().satisfies(alarm -> {
            assertThat(alarm.text()).isEqualTo("Desat");
            assertThat(alarm.state()).isEqualTo(AlarmState.ENDED);
            assertThat(alarm.gatewayTime()).isEqualTo(T2);
        });
    }

    @Test
    void aMissingOrMalformedListEndsNothing() {
        Alerts alerts = new Alerts();
        MonitorAlert leads = new MonitorAlert(0x0102, 0x0103, MED_PRI_T_AL, 0, "Leads Off");
        assertThat(alerts.fromPolls(answer(List.of(leads)), T0).changes()).hasSize(1);

        // an answer with the patient list only: the technical condition stands
        PduWriter patientOnly = new PduWriter();
        MonitorPdus.devAlarmList(patientOnly, List.of());
        Alerts.Result partial = alerts.fromPolls(List.of(new ObservationPoll(0, 1,
                List.of(new Ava(NOM_ATTR_AL_MON_P_AL_LIST, patientOnly.toByteArray())))), T1);
        assertThat(partial.changes()).isEmpty();

        // a technical list cut short: a problem is reported, and still nothing ends
        Alerts.Result broken = alerts.fromPolls(List.of(new ObservationPoll(0, 1,
                List.of(new Ava(NOM_ATTR_AL_MON_T_AL_LIST, new byte[] {0, 1, 0, 40, 1, 2})))), T2);
        assertThat(broken.changes()).isEmpty();
        assertThat(broken.problems()).singleElement().asString().contains("technical alert list not read");

        assertThat(alerts.fromPolls(answer(List.of()), T2).changes()).singleElement().extracting(Alarm::state)
                .isEqualTo(AlarmState.ENDED);
    }

    @Test
    void everyTruncationOfAnEntryIsMalformedNeverAnotherException() {
        byte[] whole = Hex.bytes(ONE_SPO2_ALERT);
        for (int length = 0; length < whole.length; length++) {
            byte[] cut = java.util.Arrays.copyOf(whole, length);
            int at = length;
            assertThatThrownBy(() -> Alerts.devAlarmList(new PduReader(cut), 0, T0)).as("cut at %d", at)
                    .isInstanceOf(MalformedPdu.class);
        }
        // an entry whose info length claims more than the list holds
        byte[] forged = whole.clone();
        forged[21] = 0x7F;
        assertThatThrownBy(() -> Alerts.devAlarmList(new PduReader(forged), 0, T0)).isInstanceOf(MalformedPdu.class);
        // a forged count of 65535 entries in a list of one: malformed, after at most one entry's work
        byte[] counted = whole.clone();
        counted[0] = (byte) 0xFF;
        counted[1] = (byte) 0xFF;
        assertThatThrownBy(() -> Alerts.devAlarmList(new PduReader(counted), 0, T0)).isInstanceOf(MalformedPdu.class);
    }

    @Test
    void theFuzzCorpusHoldsTheSimulatorsAlertAnswer() throws IOException {
        try (InputStream in = AlertsTest.class.getResourceAsStream("IntelliVueSessionFuzzTestInputs/fuzz/alert-poll-result-pdu")) {
            assertThat(in).as("corpus entry").isNotNull();
            assertThat(Hex.of(in.readAllBytes())).isEqualTo(Hex.of(corpusAlertPdu()));
        }
    }

    /** An extended poll result of the alert monitor with a patient and a technical alert. */
    static byte[] corpusAlertPdu() {
        List<MonitorAlert> alerts = List.of(new MonitorAlert(0x4BB8, 0x000A, HI_PRI_P_AL, AL_NEW_ALERT, "Desat"),
                new MonitorAlert(0x0102, 0x0103, MED_PRI_T_AL, 0, "Leads Off"));
        return MonitorPdus.extendedPollReply(9, false, NOM_MOC_VMO_AL_MON, 1, polls -> {
            polls.u16(0x20);
            MonitorPdus.attributes(polls, 3, list -> MonitorPdus.alertMonitorAttributes(list, 0, 2, alerts));
        });
    }

    private static List<Alarm> decode(int deviceState, List<MonitorAlert> entries) throws MalformedPdu {
        return Alerts.devAlarmList(new PduReader(listBytes(entries)), deviceState, T0);
    }

    private static byte[] listBytes(List<MonitorAlert> entries) {
        PduWriter list = new PduWriter();
        MonitorPdus.devAlarmList(list, entries);
        return list.toByteArray();
    }

    /** The alert monitor's answer as the parser hands it over: one object with its three attributes. */
    private static List<ObservationPoll> answer(List<MonitorAlert> alerts) {
        PduWriter attributes = new PduWriter();
        MonitorPdus.attributes(attributes, 3, list -> MonitorPdus.alertMonitorAttributes(list, 0, 0, alerts));
        try {
            return List.of(new ObservationPoll(0, 0x20, MessageParser.attributeList(new PduReader(attributes.toByteArray()))));
        } catch (MalformedPdu e) {
            throw new AssertionError(e);
        }
    }
}
