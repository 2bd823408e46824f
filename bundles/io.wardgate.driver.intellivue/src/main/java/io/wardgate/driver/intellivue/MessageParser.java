package io.wardgate.driver.intellivue;

import static io.wardgate.driver.intellivue.IntelliVueIds.*;

import io.wardgate.driver.intellivue.Message.Ava;
import io.wardgate.driver.intellivue.Message.ObservationPoll;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the user data of one good frame into a {@link Message}. Layouts (all big-endian):
 * <pre>
 * data PDU      SPpdu(session_id u16 = 0xE100, p_context_id u16) ROapdus(ro_type u16, length u16)
 * ROIV / RORS   invoke_id u16, command_type u16, length u16
 * ROLRS         linked_id(state u8, count u8), invoke_id u16, command_type u16, length u16
 * ROER          invoke_id u16, error_value u16, length u16
 * EventReport   managed_object(class u16, context u16, handle u16), event_time u32, event_type u16, length u16
 * MdsCreateInfo managed_object(6), AttributeList
 * ActionResult  managed_object(6), action_type u16, length u16
 * PollMdibDataReply     poll_number u16, rel_time u32, abs_time(8), polled_obj_type(partition u16, code u16),
 *                       polled_attr_grp u16, PollInfoList
 * PollMdibDataReplyExt  as above with sequence_no u16 after poll_number
 * PollInfoList  count u16, length u16, { context_id u16, count u16, length u16, { obj_handle u16, AttributeList } }
 * AttributeList count u16, length u16, { attribute_id u16, length u16, value }
 * </pre>
 * Every count is bounded by the bytes actually present: each element consumes at least four bytes
 * or the parse fails, so a forged count cannot make it loop long or allocate much.
 */
final class MessageParser {
    /** Where the MDSEUserInfoStd starts in an association result (after the presentation header). */
    private static final byte[] USER_INFO_MARKER = {(byte) 0xBE, (byte) 0x80, 0x28, (byte) 0x80};
    private static final byte[] USER_INFO_OPTIONAL_PREFIX = {0x02, 0x01, 0x02};
    private static final int USER_INFO_TAG = 0x81;

    private MessageParser() {
    }

    static Message parse(byte[] userData) throws MalformedPdu {
        PduReader reader = new PduReader(userData);
        int first = reader.u8("first byte");
        return first == (DATA_SESSION_ID >>> 8) ? parseData(new PduReader(userData)) : parseSession(first, reader);
    }

    private static Message parseSession(int type, PduReader reader) throws MalformedPdu {
        int length = lengthIndicator(reader);
        PduReader body = reader.slice(length, "session PDU");
        return switch (type) {
            case AC_SPDU_SI -> new Message.AssociationAccepted(minPollPeriod(body));
            case RF_SPDU_SI -> new Message.AssociationRefused();
            case FN_SPDU_SI -> new Message.ReleaseRequested();
            case DN_SPDU_SI -> new Message.Released();
            case AB_SPDU_SI -> new Message.Aborted();
            case CN_SPDU_SI -> new Message.Other("association request");
            default -> throw new MalformedPdu(String.format("unknown session PDU type 0x%02X", type));
        };
    }

    /** Session length information: one byte, or 0xFF followed by a u16. */
    static int lengthIndicator(PduReader reader) throws MalformedPdu {
        int length = reader.u8("length indicator");
        return length == 0xFF ? reader.u16("long length indicator") : length;
    }

    /**
     * The monitor's min_poll_period from the PollProfileSupport in the result's user information, or -1
     * when it cannot be found: the association is accepted either way.
     */
    private static long minPollPeriod(PduReader body) {
        try {
            if (!body.skipPast(USER_INFO_MARKER)) {
                return -1;
            }
            int tag = body.u8("user info tag");
            if (tag != USER_INFO_TAG) {
                for (int i = 1; i < USER_INFO_OPTIONAL_PREFIX.length; i++) {
                    body.u8("user info prefix");
                }
                tag = body.u8("user info tag");
            }
            if (tag != USER_INFO_TAG) {
                return -1;
            }
            PduReader info = body.slice(asnLength(body), "MDSEUserInfoStd");
            info.skip(20, "protocol version .. startup mode");
            attributeList(info); // option list
            for (Ava ava : attributeList(info)) {
                if (ava.id() == NOM_POLL_PROFILE_SUPPORT) {
                    PduReader profile = ava.reader();
                    profile.skip(4, "poll profile revision");
                    return profile.u32("min poll period");
                }
            }
            return -1;
        } catch (MalformedPdu e) {
            return -1;
        }
    }

    private static int asnLength(PduReader reader) throws MalformedPdu {
        int first = reader.u8("ASN.1 length");
        return switch (first) {
            case 0x81 -> reader.u8("ASN.1 length");
            case 0x82 -> reader.u16("ASN.1 length");
            default -> {
                if (first >= 0x80) {
                    throw new MalformedPdu(String.format("unsupported ASN.1 length form 0x%02X", first));
                }
                yield first;
            }
        };
    }

    private static Message parseData(PduReader reader) throws MalformedPdu {
        int sessionId = reader.u16("session id");
        if (sessionId != DATA_SESSION_ID) {
            throw new MalformedPdu(String.format("unknown session id 0x%04X", sessionId));
        }
        reader.u16("presentation context id");
        int roType = reader.u16("ro_type");
        PduReader ro = reader.lengthPrefixed("ROapdus");
        return switch (roType) {
            case ROIV_APDU -> parseInvoke(ro);
            case RORS_APDU -> parseResult(ro, true);
            case ROLRS_APDU -> {
                ro.skip(2, "linked id"); // state (first, middle, last) and count: a RORS always ends the chain
                yield parseResult(ro, false);
            }
            case ROER_APDU -> new Message.RemoteError(ro.u16("invoke id"), ro.u16("error value"));
            default -> throw new MalformedPdu(String.format("unknown ro_type 0x%04X", roType));
        };
    }

    private static Message parseInvoke(PduReader ro) throws MalformedPdu {
        int invokeId = ro.u16("invoke id");
        int command = ro.u16("command type");
        PduReader argument = ro.lengthPrefixed("invoke argument");
        if (command != CMD_EVENT_REPORT && command != CMD_CONFIRMED_EVENT_REPORT) {
            return new Message.Other("invoke of command " + command);
        }
        argument.skip(6, "managed object");
        long eventTime = argument.u32("event time");
        int eventType = argument.u16("event type");
        PduReader info = argument.lengthPrefixed("event info");
        if (eventType != NOM_NOTI_MDS_CREAT) {
            return new Message.Other(String.format("event report 0x%04X", eventType));
        }
        info.skip(6, "MDS managed object");
        return new Message.MdsCreated(invokeId, eventTime, attributeList(info));
    }

    private static Message parseResult(PduReader ro, boolean last) throws MalformedPdu {
        int invokeId = ro.u16("invoke id");
        int command = ro.u16("command type");
        PduReader result = ro.lengthPrefixed("result");
        if (command != CMD_CONFIRMED_ACTION) {
            return new Message.Other("result of command " + command);
        }
        result.skip(6, "managed object");
        int actionType = result.u16("action type");
        PduReader reply = result.lengthPrefixed("action reply");
        if (actionType != NOM_ACT_POLL_MDIB_DATA && actionType != NOM_ACT_POLL_MDIB_DATA_EXT) {
            return new Message.Other(String.format("action result 0x%04X", actionType));
        }
        reply.u16("poll number");
        if (actionType == NOM_ACT_POLL_MDIB_DATA_EXT) {
            reply.u16("sequence number");
        }
        long relativeTime = reply.u32("relative time stamp");
        byte[] absoluteTime = reply.bytes(MonitorClock.ABSOLUTE_TIME_LENGTH, "absolute time stamp");
        reply.u16("polled object partition");
        int objectClass = reply.u16("polled object code");
        int attributeGroup = reply.u16("polled attribute group");
        return new Message.PollReply(invokeId, last, objectClass, attributeGroup, relativeTime, absoluteTime,
                pollInfoList(reply));
    }

    private static List<ObservationPoll> pollInfoList(PduReader reply) throws MalformedPdu {
        int contexts = reply.u16("poll info count");
        PduReader list = reply.lengthPrefixed("poll info list");
        List<ObservationPoll> polls = new ArrayList<>();
        for (int c = 0; c < contexts; c++) {
            int context = list.u16("context id");
            int count = list.u16("observation poll count");
            PduReader observations = list.lengthPrefixed("observation polls");
            for (int i = 0; i < count; i++) {
                int handle = observations.u16("object handle");
                polls.add(new ObservationPoll(context, handle, attributeList(observations)));
            }
        }
        return polls;
    }

    static List<Ava> attributeList(PduReader reader) throws MalformedPdu {
        int count = reader.u16("attribute count");
        PduReader list = reader.lengthPrefixed("attribute list");
        List<Ava> attributes = new ArrayList<>(Math.min(count, list.remaining() / 4));
        for (int i = 0; i < count; i++) {
            int id = list.u16("attribute id");
            int length = list.u16("attribute length");
            attributes.add(new Ava(id, list.bytes(length, String.format("attribute 0x%04X", id))));
        }
        return attributes;
    }
}
