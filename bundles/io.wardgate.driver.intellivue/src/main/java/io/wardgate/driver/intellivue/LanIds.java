package io.wardgate.driver.intellivue;

/**
 * Constants of IntelliVue Data Export over LAN (UDP). Sources: device-protocols.md line 14 ("UDP 24105
 * data, 24005 connect-indication broadcast"); the Philips Data Export Interface Programming Guide
 * (4535 642 59271) as cited by open-source readers: connection indication port (PIPG-279), protocol port
 * (PIPG-29), the connect indication's layout (Nomenclature, ROapdus, ROIVapdu, EventReportArgument with
 * NOM_NOTI_CONN_INDIC, then an attribute list carrying NOM_ATTR_NET_ADDR_INFO and NOM_ATTR_PCOL_SUPPORT),
 * checked against a public capture of an MP-series monitor's connect indication.
 */
public final class LanIds {
    /** Where monitors broadcast their connect indication (PIPG-279). */
    public static final int CONNECT_INDICATION_PORT = 24_005;
    /** The monitor's Data Export port: association, polls and results (PIPG-29). */
    public static final int PROTOCOL_PORT = 24_105;
    /** Event type of the connect indication (3351). */
    public static final int NOM_NOTI_CONN_INDIC = 0x0D17;
    /** Managed object class of the connect indication's event. */
    public static final int NOM_MOC_MDS_COMPOS_SINGLE_BED = 0x0023;
    /** IpAddressInfo: MAC address (6 bytes), IPv4 address (4), subnet mask (4). */
    public static final int NOM_ATTR_NET_ADDR_INFO = 0xF100;
    /** ProtoSupport: count u16, length u16, entries {appl_proc u16, proto_id u16, port u16, options u16}. */
    public static final int NOM_ATTR_PCOL_SUPPORT = 0xF101;
    /** proto_id of Data Export in a ProtoSupport entry. */
    public static final int PROTO_ID_DATA_EXPORT = 1;
    /** The Nomenclature version that opens a connect indication: magic 0, version 1.0 ({@code 00 00 01 00}). */
    public static final long NOMENCLATURE = 0x0000_0100L;
    /** Largest Data Export datagram accepted (UDP payload limit; monitors send far less). */
    public static final int MAX_DATAGRAM = 65_507;

    private LanIds() {
    }
}
