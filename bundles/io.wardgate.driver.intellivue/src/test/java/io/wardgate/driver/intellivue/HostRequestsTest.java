package io.wardgate.driver.intellivue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The host's PDUs against the bytes the open readers send to real monitors. These vectors come from
 * VSCapture's DataConstants (xeonfusion/VSCaptureMP, Class2.cs), which talks to MP monitors.
 */
class HostRequestsTest {

    @Test
    void associationRequestIsTheOneVsCaptureSends() {
        // VSCapture DataConstants.aarq_msg_ext_poll2: min poll period 0x3E8 (125 ms), max MTU rx 2500 / tx 1000,
        // poll profile extension 0x8C000000
        byte[] expected = Hex.bytes("""
                0D EC 05 08 13 01 00 16 01 02 80 00 14 02 00 02 C1 DC 31 80 A0 80 80 01 01 00 00 A2 80 A0 03 00
                00 01 A4 80 30 80 02 01 01 06 04 52 01 00 01 30 80 06 02 51 01 00 00 00 00 30 80 02 01 02 06 0C
                2A 86 48 CE 14 02 01 00 00 00 01 01 30 80 06 0C 2A 86 48 CE 14 02 01 00 00 00 02 01 00 00 00 00
                00 00 61 80 30 80 02 01 01 A0 80 60 80 A1 80 06 0C 2A 86 48 CE 14 02 01 00 00 00 03 01 00 00 BE
                80 28 80 06 0C 2A 86 48 CE 14 02 01 00 00 00 01 01 02 01 02 81 48 80 00 00 00 40 00 00 00 00 00
                00 00 80 00 00 00 20 00 00 00 00 00 00 00 00 01 00 2C 00 01 00 28 80 00 00 00 00 00 03 E8 00 00
                09 C4 00 00 03 E8 FF FF FF FF 60 00 00 00 00 01 00 0C F0 01 00 08 8C 00 00 00 00 00 00 00 00 00
                00 00 00 00 00 00 00 00 00 00 00 00 00 00""");
        assertThat(Hex.of(HostRequests.associationRequest())).isEqualTo(Hex.of(expected));
    }

    @Test
    void mdsCreateEventResultEchoesInvokeIdAndTime() {
        // VSCapture DataConstants.mds_create_resp_msg (invoke id 1, current time 0x000ABD00)
        assertThat(Hex.of(HostRequests.mdsCreateEventResult(1, 0x000ABD00))).isEqualTo(
                "E1 00 00 02 00 02 00 14 00 01 00 01 00 0E 00 21 00 00 00 00 00 0A BD 00 0D 06 00 00");
    }

    @Test
    void extendedPollOfNumericsIsTheOneVsCaptureSends() {
        // VSCapture DataConstants.ext_poll_request_msg: invoke 1, poll 1, NOM_MOC_VMO_METRIC_NU, all attributes
        assertThat(Hex.of(HostRequests.extendedPoll(1, 1, IntelliVueIds.NOM_MOC_VMO_METRIC_NU, 0))).isEqualTo(
                "E1 00 00 02 00 01 00 20 00 01 00 07 00 1A 00 21 00 00 00 00 00 00 00 00 F1 3B 00 0C 00 01 00 01"
                + " 00 06 00 00 00 00 00 00");
    }

    @Test
    void singlePollIsTheSpecVector() {
        // device-protocols.md: the 36-byte MDS poll request (unframed part)
        assertThat(Hex.of(HostRequests.singlePoll(0, 1, IntelliVueIds.NOM_MOC_VMS_MDS, 0))).isEqualTo(
                "E1 00 00 02 00 01 00 1C 00 00 00 07 00 16 00 21 00 00 00 00 00 00 00 00 0C 16 00 08 00 01 00 01"
                + " 00 21 00 00");
    }

    @Test
    void releaseAndAbortCarryConsistentLengthIndicators() {
        // device-protocols.md: "Release request 0x09 / result 0x0A, or Abort 0x19"
        for (byte[] pdu : new byte[][] {HostRequests.RELEASE_REQUEST, HostRequests.RELEASE_RESULT, HostRequests.ABORT}) {
            assertThat(pdu[1] & 0xFF).isEqualTo(pdu.length - 2);
        }
        assertThat(HostRequests.RELEASE_REQUEST[0]).isEqualTo((byte) 0x09);
        assertThat(HostRequests.RELEASE_RESULT[0]).isEqualTo((byte) 0x0A);
        assertThat(HostRequests.ABORT[0]).isEqualTo((byte) 0x19);
    }

    @Test
    void longLengthsUseTheEscapeForms() {
        PduWriter li = new PduWriter();
        HostRequests.lengthIndicator(li, 0x0128);
        assertThat(Hex.of(li.toByteArray())).isEqualTo("FF 01 28");
        PduWriter asn = new PduWriter();
        HostRequests.asnLength(asn, 0x80);
        HostRequests.asnLength(asn, 0x0123);
        assertThat(Hex.of(asn.toByteArray())).isEqualTo("81 80 82 01 23");
    }
}
