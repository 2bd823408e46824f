package io.wardgate.driver.intellivue;

/**
 * Numbers of the IntelliVue Data Export protocol, named as in the Philips "Data Export Interface
 * Programming Guide". Checked against the open readers VSCapture (xeonfusion/VSCaptureMP,
 * DataConstants) and OpenICE (mdpnp/mdpnp, devices/philips .../intellivue/data: AttributeId,
 * ObjectClass, CommandType, RemoteOperation, MeasurementState), which agree on every value here.
 */
public final class IntelliVueIds {
    private IntelliVueIds() {
    }

    // MIB/RS232 frame header (device-protocols.md: "protocol id 0x11, message type 0x01")
    public static final int FRAME_PROTOCOL_ID = 0x11;
    public static final int FRAME_MESSAGE_TYPE = 0x01;

    // Session layer: first byte of an association PDU
    public static final int CN_SPDU_SI = 0x0D; // association request
    public static final int AC_SPDU_SI = 0x0E; // association result (accept)
    public static final int RF_SPDU_SI = 0x0C; // association refuse
    public static final int FN_SPDU_SI = 0x09; // release request
    public static final int DN_SPDU_SI = 0x0A; // release result
    public static final int AB_SPDU_SI = 0x19; // abort
    /** Data PDUs start with session id 0xE100 and presentation context id 2 ({@code E1 00 00 02}). */
    public static final int DATA_SESSION_ID = 0xE100;
    public static final int DATA_CONTEXT_ID = 0x0002;

    // Remote operation (ROSE) types
    public static final int ROIV_APDU = 1;
    public static final int RORS_APDU = 2;
    public static final int ROER_APDU = 3;
    public static final int ROLRS_APDU = 5;

    // CMIP command types
    public static final int CMD_EVENT_REPORT = 0;
    public static final int CMD_CONFIRMED_EVENT_REPORT = 1;
    public static final int CMD_GET = 3;
    public static final int CMD_SET = 4;
    public static final int CMD_CONFIRMED_SET = 5;
    public static final int CMD_CONFIRMED_ACTION = 7;

    // Nomenclature partitions
    public static final int NOM_PART_OBJ = 1;
    public static final int NOM_PART_SCADA = 2;
    public static final int NOM_PART_EVT = 3;
    public static final int NOM_PART_DIM = 4;

    // Object classes, notifications and actions
    public static final int NOM_MOC_VMO_METRIC_NU = 0x0006;
    public static final int NOM_MOC_VMO_METRIC_SA_RT = 0x0009;
    public static final int NOM_MOC_VMS_MDS = 0x0021;
    public static final int NOM_MOC_PT_DEMOG = 0x002A;
    public static final int NOM_MOC_VMO_AL_MON = 0x0036;
    public static final int NOM_NOTI_MDS_CREAT = 0x0D06;
    public static final int NOM_ACT_POLL_MDIB_DATA = 0x0C16;
    public static final int NOM_ACT_POLL_MDIB_DATA_EXT = 0xF13B;

    // Attribute groups
    public static final int NOM_ATTR_GRP_ALL = 0x0000;
    public static final int NOM_ATTR_GRP_AL_MON = 0x0801;
    public static final int NOM_ATTR_GRP_METRIC_VAL_OBS = 0x0803;
    public static final int NOM_ATTR_GRP_SYS_ID = 0x080B;
    public static final int NOM_ATTR_GRP_SYS_PROD = 0x080C;
    public static final int NOM_ATTR_GRP_VMO_DYN = 0x0810;
    public static final int NOM_ATTR_GRP_VMO_STATIC = 0x0811;

    // Attributes
    public static final int NOM_ATTR_AL_MON_P_AL_LIST = 0x0902;
    public static final int NOM_ATTR_AL_MON_T_AL_LIST = 0x0904;
    public static final int NOM_ATTR_DEV_AL_COND = 0x0916;
    public static final int NOM_ATTR_ID_HANDLE = 0x0921;
    public static final int NOM_ATTR_ID_LABEL = 0x0924;
    public static final int NOM_ATTR_ID_MODEL = 0x0928;
    public static final int NOM_ATTR_ID_PROD_SPECN = 0x092D;
    public static final int NOM_ATTR_ID_TYPE = 0x092F;
    public static final int NOM_ATTR_METRIC_SPECN = 0x093F;
    public static final int NOM_ATTR_NU_CMPD_VAL_OBS = 0x094B;
    public static final int NOM_ATTR_NU_VAL_OBS = 0x0950;
    public static final int NOM_ATTR_SA_CMPD_VAL_OBS = 0x0967;
    public static final int NOM_ATTR_SA_SPECN = 0x096D;
    public static final int NOM_ATTR_SA_VAL_OBS = 0x096E;
    public static final int NOM_ATTR_SCALE_SPECN_I16 = 0x096F;
    public static final int NOM_ATTR_SYS_ID = 0x0984;
    public static final int NOM_ATTR_SYS_TYPE = 0x0986;
    public static final int NOM_ATTR_TIME_ABS = 0x0987;
    public static final int NOM_ATTR_TIME_PD_SAMP = 0x098D;
    public static final int NOM_ATTR_TIME_REL = 0x098F;
    public static final int NOM_ATTR_UNIT_CODE = 0x0996;
    public static final int NOM_ATTR_TIME_PD_POLL = 0xF13E;
    public static final int NOM_POLL_PROFILE_SUPPORT = 0x0001;
    public static final int NOM_ATTR_POLL_PROFILE_EXT = 0xF001;

    // Production specification (NOM_ATTR_ID_PROD_SPECN entries)
    public static final int PROD_SPEC_SERIAL_NUMBER = 1;
    public static final int PROD_SPEC_PART_NUMBER = 2;
    public static final int ID_COMP_PRODUCT = 0x0008;

    // Measurement state bits of NuObsValue and SaObsValue (device-protocols.md lines 33-35)
    public static final int STATE_INVALID = 0x8000;
    public static final int STATE_QUESTIONABLE = 0x4000;
    public static final int STATE_UNAVAILABLE = 0x2000;
    public static final int STATE_CALIBRATION_ONGOING = 0x1000;
    public static final int STATE_TEST_DATA = 0x0800;
    public static final int STATE_DEMO_DATA = 0x0400;
    public static final int STATE_VALIDATED_DATA = 0x0080;
    public static final int STATE_EARLY_INDICATION = 0x0040;
    public static final int STATE_MSMT_ONGOING = 0x0020;
    public static final int STATE_IN_ALARM = 0x0002;
    public static final int STATE_AL_INHIBITED = 0x0001;

    // AlertType of a DevAlarmEntry and of the Device Alert Condition: T technical (INOP), P patient
    public static final int NO_ALERT = 0x0000;
    public static final int LOW_PRI_T_AL = 0x0001;
    public static final int MED_PRI_T_AL = 0x0002;
    public static final int HI_PRI_T_AL = 0x0004;
    public static final int LOW_PRI_P_AL = 0x0100;
    public static final int MED_PRI_P_AL = 0x0200;
    public static final int HI_PRI_P_AL = 0x0400;

    // AlertState bits of a DevAlarmEntry and of the Device Alert Condition
    public static final int AL_INHIBITED = 0x8000;
    public static final int AL_SUSPENDED = 0x4000;
    public static final int AL_LATCHED = 0x2000;
    public static final int AL_SILENCED_RESET = 0x1000;
    public static final int AL_DEV_IN_TEST_MODE = 0x0400;
    public static final int AL_DEV_IN_STANDBY = 0x0200;
    public static final int AL_DEV_IN_DEMO_MODE = 0x0100;
    public static final int AL_NEW_ALERT = 0x0008;

    // alert_info_id of a DevAlarmEntry: what follows its header
    public static final int GEN_ALMON_INFO = 0x0201;
    public static final int STR_ALMON_INFO = 0x0204;

    // FLOAT-Type specials (device-protocols.md line 32)
    public static final int FLOAT_NAN = 0x007FFFFF;
    public static final int FLOAT_NRES = 0x00800000;
    public static final int FLOAT_POSITIVE_INFINITY = 0x007FFFFE;
    public static final int FLOAT_NEGATIVE_INFINITY = 0x00800002;
    public static final int FLOAT_RESERVED = 0x00800001;

    // Physiological ids (partition SCADA) the gateway knows by name
    public static final int NOM_ECG_ELEC_POTL_II = 0x0102;
    public static final int NOM_ECG_CARD_BEAT_RATE = 0x4182;
    public static final int NOM_PLETH_PULS_RATE = 0x4822;
    public static final int NOM_PRESS_BLD_NONINV = 0x4A04;
    public static final int NOM_PRESS_BLD_NONINV_SYS = 0x4A05;
    public static final int NOM_PRESS_BLD_NONINV_DIA = 0x4A06;
    public static final int NOM_PRESS_BLD_NONINV_MEAN = 0x4A07;
    public static final int NOM_TEMP = 0x4B48;
    public static final int NOM_PLETH = 0x4BB4;
    public static final int NOM_PULS_OXIM_SAT_O2 = 0x4BB8;
    public static final int NOM_RESP_RATE = 0x500A;
    public static final int NOM_CONC_AWAY_CO2_ET = 0x509C;
    public static final int NOM_AWAY_CO2_ET = 0x50B0;

    // Unit codes (partition DIM)
    public static final int NOM_DIM_DIMLESS = 0x0200;
    public static final int NOM_DIM_PERCENT = 0x0220;
    public static final int NOM_DIM_BEAT_PER_MIN = 0x0AA0;
    public static final int NOM_DIM_RESP_PER_MIN = 0x0AE0;
    public static final int NOM_DIM_MMHG = 0x0F20;
    public static final int NOM_DIM_MILLI_VOLT = 0x10B2;
    public static final int NOM_DIM_DEGC = 0x17A0;

    /** RelativeTime counts units of 125 microseconds (device-protocols.md line 49). */
    public static final int RELATIVE_TIME_UNIT_MICROS = 125;
}
