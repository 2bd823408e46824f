package io.wardgate.driver.intellivue.sim;

import static io.wardgate.driver.intellivue.IntelliVueIds.*;

import io.wardgate.driver.intellivue.PduWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/**
 * The PDUs a monitor sends (user data, before framing). Layouts as in the Philips Data Export guide,
 * mirrored by OpenICE (AssociationAcceptImpl, MDSEUserInfoStd) and VSCapture (DataConstants). The one
 * place that builds monitor-side PDUs: the simulated monitor and the decoder tests both use it.
 */
public final class MonitorPdus {
    private static final byte[] SESSION_DATA = hex("05 08 13 01 00 16 01 02 80 00 14 02 00 02");
    /** Presentation header of an association result, as OpenICE's AssociationAcceptImpl writes it. */
    private static final byte[] ACCEPT_PRESENTATION_HEADER = hex(
            "31 80 A0 80 80 01 01 00 00 A2 80 A0 03 00 00 01 A5 80 30 80 80 01 00 81 02 51 01 00 00 30 80 80 01 00"
            + " 81 0C 2A 86 48 CE 14 02 01 00 00 00 02 01 00 00 00 00 61 80 30 80 02 01 01 A0 80 61 80 A1 80 06 0C"
            + " 2A 86 48 CE 14 02 01 00 00 00 03 01 00 00 A2 03 02 01 00 A3 05 A1 03 02 01 00 BE 80 28 80 02 01 02 81");
    /** Abort as the monitor sends it (VSCapture assoc_abort_resp_msg). */
    static final byte[] ABORT = hex("19 2E 11 01 03 C1 29 A0 80 A0 80 30 80 02 01 01 06 02 51 01 00 00 00 00 61 80"
            + " 30 80 02 01 01 A0 80 64 80 80 01 01 00 00 00 00 00 00 00 00 00 00");
    static final byte[] RELEASE_RESULT = hex(
            "0A 18 C1 16 61 80 30 80 02 01 01 A0 80 63 80 80 01 00 00 00 00 00 00 00 00 00");
    static final long SYST_SERVER = 0x00800000L;
    /** The monitor's min poll period: 1000 x 125 us = 125 ms. */
    static final long MIN_POLL_PERIOD_UNITS = 1000;

    private MonitorPdus() {
    }

    static byte[] associationResult() {
        return associationResult(MIN_POLL_PERIOD_UNITS);
    }

    /** The association result (AC SPDU) announcing {@code minPollPeriodUnits} x 125 us as the min poll period. */
    public static byte[] associationResult(long minPollPeriodUnits) {
        PduWriter info = new PduWriter().u32(0x80000000L).u32(0x40000000L).u32(0).u32(SYST_SERVER).u32(0x20000000L);
        info.u16(0).u16(0).u16(1);
        int profiles = info.openLength();
        info.u16(NOM_POLL_PROFILE_SUPPORT);
        int profile = info.openLength();
        info.u32(0x80000000L).u32(minPollPeriodUnits).u32(1000).u32(2500).u32(0xFFFFFFFFL).u32(0x60000000L);
        info.u16(0).u16(0);
        info.closeLength(profile).closeLength(profiles);
        byte[] userInfo = info.toByteArray();
        byte[] presentation = new PduWriter().bytes(ACCEPT_PRESENTATION_HEADER).u8(userInfo.length).bytes(userInfo)
                .bytes(new byte[16]).toByteArray();
        PduWriter rest = new PduWriter().bytes(SESSION_DATA).u8(0xC1);
        lengthIndicator(rest, presentation.length);
        byte[] restBytes = rest.bytes(presentation).toByteArray();
        PduWriter session = new PduWriter().u8(AC_SPDU_SI);
        lengthIndicator(session, restBytes.length);
        return session.bytes(restBytes).toByteArray();
    }

    /** MDS Create Event Report: system id, model and clock of the monitor. */
    static byte[] mdsCreateEvent(int invokeId, long relativeTime, LocalDateTime clock, MonitorSettings settings) {
        PduWriter pdu = data(ROIV_APDU);
        int ro = pdu.openLength();
        pdu.u16(invokeId).u16(CMD_CONFIRMED_EVENT_REPORT);
        int argument = pdu.openLength();
        mds(pdu).u32(relativeTime).u16(NOM_NOTI_MDS_CREAT);
        int info = pdu.openLength();
        mds(pdu);
        attributes(pdu, 4, list -> {
            systemId(list, settings);
            model(list, settings);
            ava(list, NOM_ATTR_TIME_ABS, v -> v.bytes(bcdTime(clock)));
            ava(list, NOM_ATTR_TIME_REL, v -> v.u32(relativeTime));
        });
        return pdu.closeLength(info).closeLength(argument).closeLength(ro).toByteArray();
    }

    /** The MDS object's attributes as a poll answer: model, system id and production specification. */
    static void mdsAttributes(PduWriter polls, MonitorSettings settings) {
        polls.u16(0); // MDS handle
        attributes(polls, 3, list -> {
            model(list, settings);
            systemId(list, settings);
            ava(list, NOM_ATTR_ID_PROD_SPECN, v -> {
                v.u16(1);
                int length = v.openLength();
                v.u16(PROD_SPEC_SERIAL_NUMBER).u16(ID_COMP_PRODUCT);
                label(v, settings.serialNumber());
                v.closeLength(length);
            });
        });
    }

    /**
     * A poll result (single or extended, whichever was asked) with one context holding {@code count}
     * observation polls written by {@code polls}.
     */
    static byte[] pollResult(HostRequest request, long relativeTime, LocalDateTime clock, int count,
            Consumer<PduWriter> polls) {
        PduWriter pdu = data(RORS_APDU);
        int ro = pdu.openLength();
        pdu.u16(request.invokeId()).u16(CMD_CONFIRMED_ACTION);
        int result = pdu.openLength();
        mds(pdu).u16(request.actionType());
        int reply = pdu.openLength();
        pdu.u16(request.pollNumber());
        if (request.actionType() == NOM_ACT_POLL_MDIB_DATA_EXT) {
            pdu.u16(0); // sequence number: one result per poll here
        }
        pdu.u32(relativeTime).bytes(bcdTime(clock)).u16(NOM_PART_OBJ).u16(request.objectClass()).u16(NOM_ATTR_GRP_ALL);
        pdu.u16(1);
        int list = pdu.openLength();
        pdu.u16(0).u16(count); // context 0
        int observations = pdu.openLength();
        polls.accept(pdu);
        pdu.closeLength(observations).closeLength(list);
        return pdu.closeLength(reply).closeLength(result).closeLength(ro).toByteArray();
    }

    /** An MDS Create Event Report carrying {@code attributeCount} attributes written by {@code attributes}. */
    public static byte[] mdsCreate(int invokeId, int attributeCount, Consumer<PduWriter> attributes) {
        PduWriter pdu = data(ROIV_APDU);
        int ro = pdu.openLength();
        pdu.u16(invokeId).u16(CMD_CONFIRMED_EVENT_REPORT);
        int argument = pdu.openLength();
        mds(pdu).u32(0x1234).u16(NOM_NOTI_MDS_CREAT);
        int info = pdu.openLength();
        mds(pdu);
        attributes(pdu, attributeCount, attributes);
        return pdu.closeLength(info).closeLength(argument).closeLength(ro).toByteArray();
    }

    /** An extended poll result (RORS, or ROLRS when {@code linked}) with one context of observation polls. */
    public static byte[] extendedPollReply(int invokeId, boolean linked, int objectClass, int pollCount,
            Consumer<PduWriter> polls) {
        PduWriter pdu = data(linked ? ROLRS_APDU : RORS_APDU);
        int ro = pdu.openLength();
        if (linked) {
            pdu.u8(1).u8(1);
        }
        pdu.u16(invokeId).u16(CMD_CONFIRMED_ACTION);
        int result = pdu.openLength();
        mds(pdu).u16(NOM_ACT_POLL_MDIB_DATA_EXT);
        int reply = pdu.openLength();
        pdu.u16(1).u16(0).u32(0).bytes(new byte[8]).u16(NOM_PART_OBJ).u16(objectClass).u16(0);
        pdu.u16(1);
        int list = pdu.openLength();
        pdu.u16(0).u16(pollCount);
        int observations = pdu.openLength();
        polls.accept(pdu);
        pdu.closeLength(observations).closeLength(list);
        return pdu.closeLength(reply).closeLength(result).closeLength(ro).toByteArray();
    }

    /** An AttributeList: {@code list} writes id, length and value triples through {@link #ava}. */
    public static void attributes(PduWriter pdu, int count, Consumer<PduWriter> list) {
        pdu.u16(count);
        int length = pdu.openLength();
        list.accept(pdu);
        pdu.closeLength(length);
    }

    public static void ava(PduWriter pdu, int id, Consumer<PduWriter> value) {
        pdu.u16(id);
        int length = pdu.openLength();
        value.accept(pdu);
        pdu.closeLength(length);
    }

    /** NuObsValue: physio_id, state, unit_code, FLOAT value. */
    static void nuObsValue(PduWriter pdu, int physioId, int state, int unitCode, long mantissa, int exponent) {
        nuObsValue(pdu, physioId, state, unitCode, floatType(mantissa, exponent));
    }

    /** NuObsValue with the FLOAT-Type as its 32 raw bits (special values such as NaN 0x007FFFFF). */
    public static void nuObsValue(PduWriter pdu, int physioId, int state, int unitCode, long rawFloat) {
        pdu.u16(physioId).u16(state).u16(unitCode).u32(rawFloat & 0xFFFFFFFFL);
    }

    /** FLOAT-Type: 8-bit exponent, 24-bit mantissa. */
    public static long floatType(long mantissa, int exponent) {
        return ((long) (exponent & 0xFF) << 24) | (mantissa & 0xFFFFFF);
    }

    /**
     * The alert monitor object's attributes (group NOM_ATTR_GRP_AL_MON): the Device Alert Condition
     * ({@code deviceState}, change count, highest patient / technical / audible type), then the patient
     * list and the technical list. Layouts in the driver's Alerts class.
     */
    public static void alertMonitorAttributes(PduWriter list, int deviceState, int changeCount,
            List<MonitorAlert> alerts) {
        List<MonitorAlert> patient = alerts.stream().filter(a -> !a.technical()).toList();
        List<MonitorAlert> technical = alerts.stream().filter(MonitorAlert::technical).toList();
        int maxPatient = patient.stream().mapToInt(MonitorAlert::type).max().orElse(NO_ALERT);
        int maxTechnical = technical.stream().mapToInt(MonitorAlert::type).max().orElse(NO_ALERT);
        ava(list, NOM_ATTR_DEV_AL_COND, v -> v.u16(deviceState).u16(changeCount & 0xFFFF).u16(maxPatient)
                .u16(maxTechnical).u16(Math.max(maxPatient, maxTechnical)));
        ava(list, NOM_ATTR_AL_MON_P_AL_LIST, v -> devAlarmList(v, patient));
        ava(list, NOM_ATTR_AL_MON_T_AL_LIST, v -> devAlarmList(v, technical));
    }

    /** DevAlarmList: count, length, then one DevAlarmEntry (StrAlMonInfo, or AlMonGenInfo without text) each. */
    public static void devAlarmList(PduWriter v, List<MonitorAlert> alerts) {
        v.u16(alerts.size());
        int length = v.openLength();
        int instance = 0;
        for (MonitorAlert alert : alerts) {
            boolean withText = !alert.text().isEmpty();
            v.u16(alert.source()).u16(alert.code()).u16(alert.type()).u16(alert.state());
            v.u16(NOM_MOC_VMO_AL_MON).u16(0).u16(0); // the object that raised it
            v.u16(withText ? STR_ALMON_INFO : GEN_ALMON_INFO);
            int info = v.openLength();
            v.u16(0).u32(++instance).u16(0).u16(0); // al_inst_no 0, al_text id, priority, flags
            if (withText) {
                byte[] text = alert.text().getBytes(StandardCharsets.UTF_16BE);
                v.u16(text.length).bytes(text);
            }
            v.closeLength(info);
        }
        v.closeLength(length);
    }

    private static void systemId(PduWriter list, MonitorSettings settings) {
        byte[] id = settings.systemIdBytes();
        ava(list, NOM_ATTR_SYS_ID, v -> v.u16(id.length).bytes(id));
    }

    private static void model(PduWriter list, MonitorSettings settings) {
        ava(list, NOM_ATTR_ID_MODEL, v -> {
            label(v, "Philips");
            label(v, settings.model());
        });
    }

    public static void label(PduWriter pdu, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        pdu.u16(bytes.length).bytes(bytes);
    }

    /** AbsoluteTime: century, year, month, day, hour, minute, second, fraction, each BCD. */
    private static byte[] bcdTime(LocalDateTime clock) {
        int[] parts = {clock.getYear() / 100, clock.getYear() % 100, clock.getMonthValue(), clock.getDayOfMonth(),
            clock.getHour(), clock.getMinute(), clock.getSecond(), clock.getNano() / 10_000_000};
        byte[] bcd = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            bcd[i] = (byte) ((parts[i] / 10) << 4 | parts[i] % 10);
        }
        return bcd;
    }

    private static PduWriter data(int roType) {
        return new PduWriter().u16(DATA_SESSION_ID).u16(DATA_CONTEXT_ID).u16(roType);
    }

    private static PduWriter mds(PduWriter pdu) {
        return pdu.u16(NOM_MOC_VMS_MDS).u16(0).u16(0);
    }

    private static void lengthIndicator(PduWriter pdu, int length) {
        if (length < 0xFF) {
            pdu.u8(length);
        } else {
            pdu.u8(0xFF).u16(length);
        }
    }

    private static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }
}
