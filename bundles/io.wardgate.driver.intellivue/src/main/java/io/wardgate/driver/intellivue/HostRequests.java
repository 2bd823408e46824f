package io.wardgate.driver.intellivue;

import static io.wardgate.driver.intellivue.IntelliVueIds.*;

import java.util.HexFormat;

/**
 * The PDUs the host sends (user data, before framing). The association PDUs are fixed ASN.1
 * presentation wrappers around the MDSEUserInfoStd; the same bytes appear in both open readers
 * (VSCapture DataConstants.aarq_msg*, rlrq_msg, assoc_abort_resp_msg; OpenICE AssociationConnectImpl).
 */
final class HostRequests {
    /** Session parameters of a connect: the same in VSCapture and OpenICE (AssociationProtocolImpl). */
    private static final byte[] CONNECT_SESSION_DATA = hex("05 08 13 01 00 16 01 02 80 00 14 02 00 02");
    private static final byte[] CONNECT_PRESENTATION_HEADER = hex(
            "31 80 A0 80 80 01 01 00 00 A2 80 A0 03 00 00 01 A4 80 30 80 02 01 01 06 04 52 01 00 01 30 80 06 02"
            + " 51 01 00 00 00 00 30 80 02 01 02 06 0C 2A 86 48 CE 14 02 01 00 00 00 01 01 30 80 06 0C 2A 86 48 CE"
            + " 14 02 01 00 00 00 02 01 00 00 00 00 00 00 61 80 30 80 02 01 01 A0 80 60 80 A1 80 06 0C 2A 86 48 CE"
            + " 14 02 01 00 00 00 03 01 00 00 BE 80 28 80 06 0C 2A 86 48 CE 14 02 01 00 00 00 01 01 02 01 02 81");
    private static final int PRESENTATION_TRAILER_LENGTH = 16;
    private static final int PRESENTATION_HEADER_TAG = 0xC1;

    static final byte[] RELEASE_REQUEST = hex(
            "09 18 C1 16 61 80 30 80 02 01 01 A0 80 62 80 80 01 00 00 00 00 00 00 00 00 00");
    static final byte[] RELEASE_RESULT = hex(
            "0A 18 C1 16 61 80 30 80 02 01 01 A0 80 63 80 80 01 00 00 00 00 00 00 00 00 00");
    static final byte[] ABORT = hex(
            "19 2E 11 01 03 C1 29 A0 80 A0 80 30 80 02 01 01 06 02 51 01 00 00 00 00 61 80 30 80 02 01 01 A0 80 64"
            + " 80 80 01 01 00 00 00 00 00 00 00 00 00 00");

    // MDSEUserInfoStd of the client (values as in VSCapture's aarq_msg_ext_poll2)
    static final long MDDL_VERSION1 = 0x80000000L;
    static final long NOMEN_VERSION = 0x40000000L;
    static final long SYST_CLIENT = 0x80000000L;
    static final long COLD_START = 0x20000000L;
    static final long POLL_PROFILE_REV_0 = 0x80000000L;
    /** 1000 x 125 us = 125 ms: lets the host poll waves every 256 ms. */
    static final long MIN_POLL_PERIOD_UNITS = 1000;
    static final long MAX_MTU_RX = 2500;
    static final long MAX_MTU_TX = 1000;
    static final long MAX_BW_TX = 0xFFFFFFFFL;
    /** P_OPT_DYN_CREATE_OBJECTS | P_OPT_DYN_DELETE_OBJECTS. */
    static final long POLL_OPTIONS = 0x60000000L;
    /** POLL_EXT_PERIOD_NU_1SEC | POLL_EXT_PERIOD_RTSA | POLL_EXT_ENUM. */
    static final long POLL_EXT_OPTIONS = 0x8C000000L;

    private HostRequests() {
    }

    static byte[] associationRequest() {
        PduWriter info = new PduWriter().u32(MDDL_VERSION1).u32(NOMEN_VERSION).u32(0).u32(SYST_CLIENT).u32(COLD_START);
        info.u16(0).u16(0); // option list: empty
        info.u16(1); // supported application profiles: one, the poll profile
        int profiles = info.openLength();
        info.u16(NOM_POLL_PROFILE_SUPPORT);
        int profile = info.openLength();
        info.u32(POLL_PROFILE_REV_0).u32(MIN_POLL_PERIOD_UNITS).u32(MAX_MTU_RX).u32(MAX_MTU_TX).u32(MAX_BW_TX)
                .u32(POLL_OPTIONS);
        info.u16(1); // optional packages: the poll profile extension
        int packages = info.openLength();
        info.u16(NOM_ATTR_POLL_PROFILE_EXT);
        int extension = info.openLength();
        info.u32(POLL_EXT_OPTIONS).u16(0).u16(0);
        info.closeLength(extension).closeLength(packages).closeLength(profile).closeLength(profiles);
        byte[] userInfo = info.toByteArray();

        PduWriter presentation = new PduWriter().bytes(CONNECT_PRESENTATION_HEADER);
        asnLength(presentation, userInfo.length);
        presentation.bytes(userInfo).bytes(new byte[PRESENTATION_TRAILER_LENGTH]);
        byte[] presentationBytes = presentation.toByteArray();

        PduWriter rest = new PduWriter().bytes(CONNECT_SESSION_DATA).u8(PRESENTATION_HEADER_TAG);
        lengthIndicator(rest, presentationBytes.length);
        rest.bytes(presentationBytes);
        byte[] restBytes = rest.toByteArray();

        PduWriter session = new PduWriter().u8(CN_SPDU_SI);
        lengthIndicator(session, restBytes.length);
        return session.bytes(restBytes).toByteArray();
    }

    /** Confirms the MDS Create Event Report; the monitor waits for this before it answers polls. */
    static byte[] mdsCreateEventResult(int invokeId, long eventTime) {
        PduWriter pdu = dataPdu(RORS_APDU);
        int ro = pdu.openLength();
        pdu.u16(invokeId).u16(CMD_CONFIRMED_EVENT_REPORT);
        int result = pdu.openLength();
        mdsObject(pdu).u32(eventTime).u16(NOM_NOTI_MDS_CREAT).u16(0);
        return pdu.closeLength(result).closeLength(ro).toByteArray();
    }

    /** A single poll (NOM_ACT_POLL_MDIB_DATA) of one object class and attribute group. */
    static byte[] singlePoll(int invokeId, int pollNumber, int objectClass, int attributeGroup) {
        return action(invokeId, NOM_ACT_POLL_MDIB_DATA, body -> body.u16(pollNumber).u16(NOM_PART_OBJ)
                .u16(objectClass).u16(attributeGroup));
    }

    /** An extended poll (NOM_ACT_POLL_MDIB_DATA_EXT) without extra attributes: one result, no repetition. */
    static byte[] extendedPoll(int invokeId, int pollNumber, int objectClass, int attributeGroup) {
        return action(invokeId, NOM_ACT_POLL_MDIB_DATA_EXT, body -> body.u16(pollNumber).u16(NOM_PART_OBJ)
                .u16(objectClass).u16(attributeGroup).u16(0).u16(0));
    }

    private interface Body {
        void write(PduWriter body);
    }

    private static byte[] action(int invokeId, int actionType, Body body) {
        PduWriter pdu = dataPdu(ROIV_APDU);
        int ro = pdu.openLength();
        pdu.u16(invokeId).u16(CMD_CONFIRMED_ACTION);
        int argument = pdu.openLength();
        mdsObject(pdu).u32(0).u16(actionType); // scope 0
        int action = pdu.openLength();
        body.write(pdu);
        return pdu.closeLength(action).closeLength(argument).closeLength(ro).toByteArray();
    }

    private static PduWriter dataPdu(int roType) {
        return new PduWriter().u16(DATA_SESSION_ID).u16(DATA_CONTEXT_ID).u16(roType);
    }

    /** ManagedObjectId of the MDS: class NOM_MOC_VMS_MDS, context 0, handle 0. */
    private static PduWriter mdsObject(PduWriter pdu) {
        return pdu.u16(NOM_MOC_VMS_MDS).u16(0).u16(0);
    }

    static void lengthIndicator(PduWriter pdu, int length) {
        if (length < 0xFF) {
            pdu.u8(length);
        } else {
            pdu.u8(0xFF).u16(length);
        }
    }

    static void asnLength(PduWriter pdu, int length) {
        if (length < 0x80) {
            pdu.u8(length);
        } else if (length <= 0xFF) {
            pdu.u8(0x81).u8(length);
        } else {
            pdu.u8(0x82).u16(length);
        }
    }

    static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }
}
