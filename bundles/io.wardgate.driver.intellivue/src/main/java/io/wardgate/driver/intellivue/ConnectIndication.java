package io.wardgate.driver.intellivue;

import static io.wardgate.driver.intellivue.IntelliVueIds.CMD_EVENT_REPORT;
import static io.wardgate.driver.intellivue.IntelliVueIds.ROIV_APDU;
import static io.wardgate.driver.intellivue.LanIds.*;

import io.wardgate.driver.intellivue.Message.Ava;
import java.util.HexFormat;
import java.util.List;

/**
 * What a monitor announces in its connect indication: its MAC and IPv4 address, and the port of its
 * Data Export protocol (0 when it names none). Layout (LanIds): {@code Nomenclature u32 | ro_type u16 |
 * length u16 | invoke_id u16 | command_type u16 | length u16 | m_obj_class u16 | context u16 | handle u16 |
 * event_time u32 | event_type u16 | length u16 | AttributeList}.
 *
 * @param mac the MAC address as AA:BB:CC:DD:EE:FF, empty when not sent
 * @param ipAddress the IPv4 address in dotted form, empty when not sent
 * @param dataExportPort the Data Export port the monitor names, 0 when none
 * @param attributes all attributes (the MDS identity ones are learnt like the MDS create event's)
 */
record ConnectIndication(String mac, String ipAddress, int dataExportPort, List<Ava> attributes) {

    /** Whether a datagram starts like a connect indication (the rest may still be malformed). */
    static boolean looksLike(byte[] datagram, int offset, int length) {
        if (length < 28) {
            return false;
        }
        long nomenclature = ((datagram[offset] & 0xFFL) << 24) | ((datagram[offset + 1] & 0xFF) << 16)
                | ((datagram[offset + 2] & 0xFF) << 8) | (datagram[offset + 3] & 0xFF);
        return nomenclature == NOMENCLATURE && u16(datagram, offset + 4) == ROIV_APDU
                && u16(datagram, offset + 10) == CMD_EVENT_REPORT && u16(datagram, offset + 24) == NOM_NOTI_CONN_INDIC;
    }

    static ConnectIndication parse(byte[] datagram) throws MalformedPdu {
        PduReader reader = new PduReader(datagram);
        reader.skip(4, "nomenclature");
        if (reader.u16("ro type") != ROIV_APDU) {
            throw new MalformedPdu("connect indication is not a ROIV apdu");
        }
        PduReader ro = reader.lengthPrefixed("remote operation");
        ro.u16("invoke id");
        if (ro.u16("command type") != CMD_EVENT_REPORT) {
            throw new MalformedPdu("connect indication is not an event report");
        }
        PduReader argument = ro.lengthPrefixed("event report");
        argument.skip(6, "managed object");
        argument.u32("event time");
        if (argument.u16("event type") != NOM_NOTI_CONN_INDIC) {
            throw new MalformedPdu("event is not a connect indication");
        }
        PduReader info = argument.lengthPrefixed("connect indication info");
        List<Ava> attributes = MessageParser.attributeList(info);
        String mac = "";
        String ip = "";
        int port = 0;
        for (Ava ava : attributes) {
            if (ava.id() == NOM_ATTR_NET_ADDR_INFO) {
                PduReader address = ava.reader();
                mac = HexFormat.ofDelimiter(":").withUpperCase().formatHex(address.bytes(6, "MAC address"));
                byte[] v4 = address.bytes(4, "IP address");
                ip = (v4[0] & 0xFF) + "." + (v4[1] & 0xFF) + "." + (v4[2] & 0xFF) + "." + (v4[3] & 0xFF);
            } else if (ava.id() == NOM_ATTR_PCOL_SUPPORT && port == 0) {
                port = dataExportPort(ava.reader());
            }
        }
        return new ConnectIndication(mac, ip, port, attributes);
    }

    private static int dataExportPort(PduReader support) throws MalformedPdu {
        int count = support.u16("protocol support count");
        PduReader entries = support.lengthPrefixed("protocol support");
        for (int i = 0; i < count; i++) {
            entries.u16("application process");
            int protocol = entries.u16("protocol id");
            int port = entries.u16("port");
            entries.u16("options");
            if (protocol == PROTO_ID_DATA_EXPORT && port != 0) {
                return port;
            }
        }
        return 0;
    }

    private static int u16(byte[] bytes, int at) {
        return ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
    }
}
