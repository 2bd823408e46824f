package io.wardgate.driver.intellivue.sim;

import static io.wardgate.driver.intellivue.IntelliVueIds.*;

/**
 * What the host asked, read leniently: anything the monitor does not understand is {@link Kind#OTHER}.
 * Layout of a poll: {@code E1 00 00 02 | ro_type u16 | length u16 | invoke_id u16 | command u16 | length u16 |
 * managed_object(6) | scope u32 | action_type u16 | length u16 | poll_number u16 | partition u16 | code u16 |
 * attribute_group u16 ...}.
 */
record HostRequest(Kind kind, int invokeId, int actionType, int pollNumber, int objectClass) {

    enum Kind { ASSOCIATE, RELEASE, ABORT, POLL, CREATE_RESULT, OTHER }

    private static final HostRequest OTHER = new HostRequest(Kind.OTHER, 0, 0, 0, 0);

    static HostRequest parse(byte[] pdu) {
        if (pdu.length == 0) {
            return OTHER;
        }
        int first = pdu[0] & 0xFF;
        if (first == CN_SPDU_SI) {
            return new HostRequest(Kind.ASSOCIATE, 0, 0, 0, 0);
        } else if (first == FN_SPDU_SI) {
            return new HostRequest(Kind.RELEASE, 0, 0, 0, 0);
        } else if (first == AB_SPDU_SI) {
            return new HostRequest(Kind.ABORT, 0, 0, 0, 0);
        } else if (pdu.length < 14 || u16(pdu, 0) != DATA_SESSION_ID) {
            return OTHER;
        }
        int roType = u16(pdu, 4);
        int invokeId = u16(pdu, 8);
        int command = u16(pdu, 10);
        if (roType == RORS_APDU && command == CMD_CONFIRMED_EVENT_REPORT) {
            return new HostRequest(Kind.CREATE_RESULT, invokeId, 0, 0, 0);
        }
        if (roType != ROIV_APDU || command != CMD_CONFIRMED_ACTION || pdu.length < 34) {
            return OTHER;
        }
        int actionType = u16(pdu, 24);
        if (actionType != NOM_ACT_POLL_MDIB_DATA && actionType != NOM_ACT_POLL_MDIB_DATA_EXT) {
            return OTHER;
        }
        return new HostRequest(Kind.POLL, invokeId, actionType, u16(pdu, 28), u16(pdu, 32));
    }

    private static int u16(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xFF) << 8) | (bytes[offset + 1] & 0xFF);
    }
}
