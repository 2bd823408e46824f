package io.wardgate.driver.intellivue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FcsTest {

    @Test
    void checkValueOfTheStandardString() {
        // device-protocols.md: "Check("123456789") = 0x906E."
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(Fcs.compute(check, 0, check.length)).isEqualTo(0x906E);
    }

    @Test
    void dataFollowedByItsFcsLeavesTheGoodResidue() {
        // device-protocols.md: "Good residue 0xF0B8." FCS sent LSB first: 6E 90
        byte[] withFcs = {'1', '2', '3', '4', '5', '6', '7', '8', '9', 0x6E, (byte) 0x90};
        assertThat(Fcs.update(Fcs.INITIAL, withFcs, 0, withFcs.length)).isEqualTo(Fcs.GOOD_RESIDUE).isEqualTo(0xF0B8);
    }

    @Test
    void openIceVectorsCarryAGoodFcs() {
        // device-protocols.md: "payload 3A 71 -> C0 3A 71 9B 26 C1" and "3A 91 -> ... (FCS 0xC195)" (OpenICE test suite)
        byte[] first = Hex.bytes("3A 71 9B 26");
        byte[] second = Hex.bytes("3A 91 95 C1");
        assertThat(Fcs.update(Fcs.INITIAL, first, 0, 4)).isEqualTo(Fcs.GOOD_RESIDUE);
        assertThat(Fcs.update(Fcs.INITIAL, second, 0, 4)).isEqualTo(Fcs.GOOD_RESIDUE);
        assertThat(Fcs.compute(second, 0, 2)).isEqualTo(0xC195);
    }
}
