package io.wardgate.driver.intellivue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FrameEncoderTest {

    @Test
    void framesABarePayloadAsOpenIceDoes() {
        // device-protocols.md: "payload `3A 71` -> `C0 3A 71 9B 26 C1`" (OpenICE test suite)
        assertThat(Hex.of(FrameEncoder.frameContent(Hex.bytes("3A 71")))).isEqualTo("C0 3A 71 9B 26 C1");
    }

    @Test
    void escapesAnFcsByteThatLooksLikeTheEndDelimiter() {
        // device-protocols.md: "payload `3A 91` -> `C0 3A 91 95 7D E1 C1` (FCS 0xC195, 0xC1 escaped)" (OpenICE)
        assertThat(Hex.of(FrameEncoder.frameContent(Hex.bytes("3A 91")))).isEqualTo("C0 3A 91 95 7D E1 C1");
    }

    @Test
    void escapesDelimitersAndTheEscapeByteInsideTheFrame() {
        // device-protocols.md: "0xC0, 0xC1, 0x7D inside the frame are sent as `7D, b^0x20`"
        byte[] framed = FrameEncoder.frame(Hex.bytes("C0 C1 7D 00"));
        assertThat(Hex.of(framed)).startsWith("C0 11 01 00 04 7D E0 7D E1 7D 5D 00 ").endsWith(" C1");
        for (int i = 1; i < framed.length - 1; i++) {
            assertThat(framed[i] & 0xFF).as("byte %d", i).isNotIn(0xC0, 0xC1);
        }
    }

    @Test
    void framesTheMdsPollRequestOfTheSpec() {
        // device-protocols.md: "Vector (derived): the 36-byte MDS poll request framed:
        // C0 11 01 00 24 E1 00 00 02 00 01 00 1C 00 00 00 07 00 16 00 21 00 00 00 00 00 00 00 00 0C 16 00 08
        // 00 01 00 01 00 21 00 00 B0 1A C1"
        byte[] request = HostRequests.singlePoll(0, 1, IntelliVueIds.NOM_MOC_VMS_MDS, IntelliVueIds.NOM_ATTR_GRP_ALL);
        assertThat(request).hasSize(36);
        assertThat(Hex.of(FrameEncoder.frame(request))).isEqualTo("C0 11 01 00 24 E1 00 00 02 00 01 00 1C 00 00 00 07"
                + " 00 16 00 21 00 00 00 00 00 00 00 00 0C 16 00 08 00 01 00 01 00 21 00 00 B0 1A C1");
    }

    @Test
    void refusesUserDataLongerThanTheLengthField() {
        assertThatThrownBy(() -> FrameEncoder.frame(new byte[0x10000])).isInstanceOf(IllegalArgumentException.class);
    }
}
