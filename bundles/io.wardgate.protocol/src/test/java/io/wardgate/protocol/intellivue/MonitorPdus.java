package io.wardgate.protocol.intellivue;

import static io.wardgate.protocol.intellivue.IntelliVueIds.*;

import java.util.function.Consumer;

/** Monitor-side PDUs built by hand for parser and session tests (the simulator has its own encoders). */
final class MonitorPdus {
    /** Presentation header of an association result (OpenICE AssociationAcceptImpl). */
    static final byte[] ACCEPT_PRESENTATION_HEADER = Hex.bytes(
            "31 80 A0 80 80 01 01 00 00 A2 80 A0 03 00 00 01 A5 80 30 80 80 01 00 81 02 51 01 00 00 30 80 80 01 00"
            + " 81 0C 2A 86 48 CE 14 02 01 00 00 00 02 01 00 00 00 00 61 80 30 80 02 01 01 A0 80 61 80 A1 80 06 0C"
            + " 2A 86 48 CE 14 02 01 00 00 00 03 01 00 00 A2 03 02 01 00 A3 05 A1 03 02 01 00 BE 80 28 80 02 01 02 81");

    private MonitorPdus() {
    }

    static byte[] accept(long minPollPeriodUnits) {
        PduWriter info = new PduWriter().u32(0x80000000L).u32(0x40000000L).u32(0).u32(0x00800000L).u32(0x20000000L);
        info.u16(0).u16(0).u16(1);
        int profiles = info.openLength();
        info.u16(NOM_POLL_PROFILE_SUPPORT);
        int profile = info.openLength();
        info.u32(0x80000000L).u32(minPollPeriodUnits).u32(1000).u32(2500).u32(0xFFFFFFFFL).u32(0x60000000L).u16(0).u16(0);
        info.closeLength(profile).closeLength(profiles);
        byte[] userInfo = info.toByteArray();
        PduWriter presentation = new PduWriter().bytes(ACCEPT_PRESENTATION_HEADER).u8(userInfo.length).bytes(userInfo)
                .bytes(new byte[16]);
        byte[] p = presentation.toByteArray();
        PduWriter rest = new PduWriter().bytes(Hex.bytes("05 08 13 01 00 16 01 02 80 00 14 02 00 02")).u8(0xC1);
        HostRequests.lengthIndicator(rest, p.length);
        byte[] r = rest.bytes(p).toByteArray();
        PduWriter session = new PduWriter().u8(AC_SPDU_SI);
        HostRequests.lengthIndicator(session, r.length);
        return session.bytes(r).toByteArray();
    }

    /** An AttributeList: {@code attributes} writes id, length and value triples through {@link #ava}. */
    static void attributeList(PduWriter pdu, int count, Consumer<PduWriter> attributes) {
        pdu.u16(count);
        int length = pdu.openLength();
        attributes.accept(pdu);
        pdu.closeLength(length);
    }

    static void ava(PduWriter pdu, int id, Consumer<PduWriter> value) {
        pdu.u16(id);
        int length = pdu.openLength();
        value.accept(pdu);
        pdu.closeLength(length);
    }

    static void label(PduWriter pdu, String text) {
        pdu.u16(text.length()).bytes(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    static byte[] mdsCreate(int invokeId, int attributeCount, Consumer<PduWriter> attributes) {
        PduWriter pdu = new PduWriter().u16(DATA_SESSION_ID).u16(DATA_CONTEXT_ID).u16(ROIV_APDU);
        int ro = pdu.openLength();
        pdu.u16(invokeId).u16(CMD_CONFIRMED_EVENT_REPORT);
        int argument = pdu.openLength();
        pdu.u16(NOM_MOC_VMS_MDS).u16(0).u16(0).u32(0x1234).u16(NOM_NOTI_MDS_CREAT);
        int info = pdu.openLength();
        pdu.u16(NOM_MOC_VMS_MDS).u16(0).u16(0);
        attributeList(pdu, attributeCount, attributes);
        return pdu.closeLength(info).closeLength(argument).closeLength(ro).toByteArray();
    }

    /** An extended poll result (RORS, or ROLRS when {@code linked}) with one context of observation polls. */
    static byte[] extendedPollReply(int invokeId, boolean linked, int objectClass, int pollCount,
            Consumer<PduWriter> polls) {
        PduWriter pdu = new PduWriter().u16(DATA_SESSION_ID).u16(DATA_CONTEXT_ID).u16(linked ? ROLRS_APDU : RORS_APDU);
        int ro = pdu.openLength();
        if (linked) {
            pdu.u8(1).u8(1);
        }
        pdu.u16(invokeId).u16(CMD_CONFIRMED_ACTION);
        int result = pdu.openLength();
        pdu.u16(NOM_MOC_VMS_MDS).u16(0).u16(0).u16(NOM_ACT_POLL_MDIB_DATA_EXT);
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

    static void nuObsValue(PduWriter pdu, int physioId, int state, int unitCode, int rawFloat) {
        pdu.u16(physioId).u16(state).u16(unitCode).u32(rawFloat & 0xFFFFFFFFL);
    }

    static int floatType(int mantissa, int exponent) {
        return (exponent << 24) | (mantissa & 0xFFFFFF);
    }
}
