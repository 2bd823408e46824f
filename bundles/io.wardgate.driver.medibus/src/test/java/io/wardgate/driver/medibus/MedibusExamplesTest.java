package io.wardgate.driver.medibus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Every printed example of the Draeger "RS 232 MEDIBUS Protocol Definition" (rev. 4.03, Appendix,
 * examples 1 to 5, and "Responding to corrupt Commands"), and the vectors of device-protocols.md
 * (lines 79-87), checked by adding up their bytes before use. Errata found (the byte sum decides):
 * <ul>
 * <li>Example 1, NOP: printed checksum "46"; 1B + 30 sums to 4B (device-protocols.md line 86 is right).
 * <li>Example 1, "Draeger Device" identification: printed checksum "8C" matches no reading of the
 *     printed fields (name with or without its trailing space, revision with ':' or a space): not used.
 * <li>Example 3, the answer with O2 SAT only: printed "7A", copied from example 2; its bytes sum to 5D.
 * <li>Example 5, realtime configuration answer: characters '3' 'B' are right, the hex row's 33H 45H
 *     ("3E") is not.
 * <li>Example 4: the character row spells the month "N0V" with a zero; the hex row (4E 4F 56, "NOV")
 *     and the checksum E6 agree with the letter O.
 * </ul>
 */
class MedibusExamplesTest {

    private static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes);
    }

    private static String sum(String hexBytes) {
        byte[] b = HexFormat.of().parseHex(hexBytes.replace(" ", ""));
        return MedibusFrames.checksum(b, b.length);
    }

    @Test
    void example1IccAndItsAnswer() {
        assertThat(hex(MedibusFrames.command(MedibusFrames.ICC, ""))).isEqualTo("1B 51 36 43 0D");
        assertThat(hex(MedibusFrames.response(MedibusFrames.ICC, ""))).isEqualTo("01 51 35 32 0D");
    }

    @Test
    void example1DeviceIdentification() {
        assertThat(hex(MedibusFrames.command(MedibusFrames.DEVICE_ID, ""))).isEqualTo("1B 52 36 44 0D");
        assertThat(new String(MedibusFrames.response(MedibusFrames.DEVICE_ID, "0161'My PC'01.00:03.00"),
                StandardCharsets.US_ASCII)).isEqualTo("\u0001R0161'My PC'01.00:03.00FC\r");
        assertThat(hex(MedibusFrames.response(MedibusFrames.DEVICE_ID, ""))).isEqualTo("01 52 35 33 0D");
        assertThat(MedibusData.identity("0161'My PC'01.00:03.00")).hasValueSatisfying(id -> {
            assertThat(id.idNumber()).isEqualTo("0161");
            assertThat(id.name()).isEqualTo("My PC");
            assertThat(id.revision()).isEqualTo("01.00:03.00");
        });
    }

    /** The known erratum: printed "46", device-protocols.md line 86 has the right 4B. */
    @Test
    void example1NopIsMisprinted() {
        assertThat(sum("1B 30")).isEqualTo("4B").isNotEqualTo("46");
        assertThat(hex(MedibusFrames.command(MedibusFrames.NOP, ""))).isEqualTo("1B 30 34 42 0D");
    }

    @Test
    void example1DraegerDeviceIdentificationMatchesNoReading() {
        for (String text : new String[] {"8888'Draeger Device '03.00:03.00", "8888'Draeger Device'03.00:03.00",
                "8888'Draeger Device '03.00 03.00", "8888'Draeger Device'03.00 03.00"}) {
            byte[] r = MedibusFrames.response(MedibusFrames.DEVICE_ID, text);
            assertThat(new String(r, r.length - 3, 2, StandardCharsets.US_ASCII)).as(text).isNotEqualTo("8C");
        }
    }

    @Test
    void example2DataRequestAndAnswers() {
        assertThat(hex(MedibusFrames.command(MedibusFrames.MEASURED_CP1, ""))).isEqualTo("1B 24 33 46 0D");
        assertThat(hex(MedibusFrames.response(MedibusFrames.MEASURED_CP1, ""))).isEqualTo("01 24 32 35 0D");
        assertThat(hex(MedibusFrames.response(MedibusFrames.MEASURED_CP1, "EB 98 E1 70 "))).isEqualTo(
                "01 24 45 42 20 39 38 20 45 31 20 37 30 20 37 41 0D");
    }

    @Test
    void example3ConfigureDataResponseAndTheMisprintedAnswer() {
        assertThat(hex(MedibusFrames.command(0x4A, "$EB"))).isEqualTo("1B 4A 24 45 42 31 30 0D");
        assertThat(hex(MedibusFrames.response(0x4A, ""))).isEqualTo("01 4A 34 42 0D");
        assertThat(sum("01 24 45 42 20 39 38 20")).isEqualTo("5D").isNotEqualTo("7A");
    }

    @Test
    void example4DateAndTime() {
        assertThat(hex(MedibusFrames.command(0x28, ""))).isEqualTo("1B 28 34 33 0D");
        assertThat(new String(MedibusFrames.response(0x28, "11:11:1911-NOV-93"), StandardCharsets.US_ASCII))
                .endsWith("E6\r");
        assertThat(hex(MedibusFrames.command(MedibusFrames.TIME_CHANGED, ""))).isEqualTo("1B 49 36 34 0D");
        assertThat(hex(MedibusFrames.response(MedibusFrames.TIME_CHANGED, ""))).isEqualTo("01 49 34 41 0D");
    }

    @Test
    void example5RealtimeConfiguration() {
        assertThat(hex(MedibusFrames.command(MedibusFrames.REALTIME_CONFIG, ""))).isEqualTo("1B 53 36 45 0D");
        assertThat(sum("01 53 30 30 20 20 20 31 36 30 30 30 2D 20 20 31 30 20 20 31 30 30 33 37 30"
                + " 30 36 20 20 20 31 36 30 30 30 2D 20 20 32 30 20 20 31 30 30 34 36 30")).isEqualTo("3B");
        assertThat(hex(MedibusFrames.command(MedibusFrames.CONFIGURE_REALTIME, "00020603")))
                .isEqualTo("1B 54 30 30 30 32 30 36 30 33 46 41 0D");
        assertThat(hex(MedibusFrames.response(MedibusFrames.CONFIGURE_REALTIME, ""))).isEqualTo("01 54 35 35 0D");
    }

    @Test
    void corruptCommandAnswer() {
        assertThat(hex(MedibusFrames.nak())).isEqualTo("01 15 31 36 0D");
    }

    /** device-protocols.md lines 86-87 (derived): ICC, NOP, request measured data code page 1. */
    @Test
    void specFileVectors() {
        assertThat(hex(MedibusFrames.command(MedibusFrames.ICC, ""))).isEqualTo("1B 51 36 43 0D");
        assertThat(hex(MedibusFrames.command(MedibusFrames.NOP, ""))).isEqualTo("1B 30 34 42 0D");
        assertThat(hex(MedibusFrames.command(MedibusFrames.MEASURED_CP1, ""))).isEqualTo("1B 24 33 46 0D");
    }

    /** Example 2's values read back: O2 SAT 98 %, pulse 70 /min (codes EB, E1, device-protocols.md line 84). */
    @Test
    void example2ValuesDecode() {
        assertThat(MedibusData.values("EB 98 E1 70 ", 6)).extracting(MedibusData.Item::code, i -> i.value().toString())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0xEB, "98"), org.assertj.core.groups.Tuple.tuple(0xE1, "70"));
    }
}
