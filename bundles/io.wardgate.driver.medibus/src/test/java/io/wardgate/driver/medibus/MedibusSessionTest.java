package io.wardgate.driver.medibus;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.Decimal;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.Unit;
import io.wardgate.api.driver.Decoded;
import io.wardgate.sim.RecordingOutput;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The peer-to-peer dialogue (Protocol Definition rev. 4.03, "MEDIBUS-Life-Cycle", "Time-Out"). */
class MedibusSessionTest {
    private static final Instant T0 = Instant.parse("2026-03-04T05:06:00Z");
    private final MedibusSession session = new MedibusSession();
    private final RecordingOutput out = new RecordingOutput();

    private void receive(byte[] bytes, Instant now) {
        session.receive(bytes, 0, bytes.length, now, out);
    }

    private String lastSent() {
        return new String(out.sent().get(out.sent().size() - 1), StandardCharsets.US_ASCII);
    }

    /** Brings the session to the first data request: ICC answered, identification answered. */
    private void active() {
        session.start(T0, out);
        receive(MedibusFrames.response(MedibusFrames.ICC, ""), T0);
        receive(MedibusFrames.response(MedibusFrames.DEVICE_ID, "8888'Evita 4'04.03:04.03"), T0);
    }

    @Test
    void iccUntilAnsweredThenIdentificationThenTheRound() {
        session.start(T0, out);
        assertThat(lastSent()).isEqualTo("\u001BQ6C\r");
        session.tick(T0.plusSeconds(4), out);
        assertThat(out.sent()).hasSize(2);
        assertThat(lastSent()).as("ICC again after 3 s without an answer").isEqualTo("\u001BQ6C\r");
        receive(MedibusFrames.response(MedibusFrames.ICC, ""), T0.plusSeconds(4));
        assertThat(lastSent()).isEqualTo("\u001BR6D\r");
        receive(MedibusFrames.response(MedibusFrames.DEVICE_ID, "8888'Evita 4'04.03:04.03"), T0.plusSeconds(4));
        assertThat(out.identities()).singleElement().satisfies(id -> assertThat(id.model())
                .isEqualTo("Evita 4 (MEDIBUS id 8888, revision 04.03:04.03)"));
        assertThat(lastSent()).as("measured data code page 1").isEqualTo("\u001B$3F\r");
        receive(MedibusFrames.response(MedibusFrames.MEASURED_CP1, "EB 98 E1 70 "), T0.plusSeconds(4));
        assertThat(lastSent()).as("code page 2").startsWith("\u001B+");
        receive(MedibusFrames.response(MedibusFrames.MEASURED_CP2, "12 3.5"), T0.plusSeconds(4));
        assertThat(lastSent()).as("settings").startsWith("\u001B)");
        receive(MedibusFrames.response(MedibusFrames.SETTINGS, "01   40"), T0.plusSeconds(4));
        assertThat(lastSent()).as("alarms code page 1").startsWith("\u001B'");
        receive(MedibusFrames.response(MedibusFrames.ALARMS_CP1, ""), T0.plusSeconds(4));
        assertThat(lastSent()).as("alarms code page 2").startsWith("\u001B.");
        receive(MedibusFrames.response(MedibusFrames.ALARMS_CP2, ""), T0.plusSeconds(4));
        assertThat(lastSent()).as("realtime configuration, once").isEqualTo("\u001BS6E\r");
        receive(MedibusFrames.response(MedibusFrames.REALTIME_CONFIG, ""), T0.plusSeconds(4));
        int sent = out.sent().size();
        session.tick(T0.plusSeconds(5), out);
        assertThat(out.sent()).hasSize(sent);
        session.tick(T0.plusMillis(6_000), out);
        assertThat(lastSent()).as("NOP while idle, every 2 s").isEqualTo("\u001B0" + "4B\r");

        assertThat(out.observation("MDC_PULS_OXIM_SAT_O2").value()).isEqualTo(Decimal.ofInteger(98));
        assertThat(out.observation("MDC_PULS_OXIM_PULS_RATE").unit()).isEqualTo(Unit.BEATS_PER_MINUTE);
        assertThat(out.observation("MDC_PRIV_WARDGATE_MEDIBUS_CP2_12").value()).isEqualTo(Decimal.of(35, -1));
        assertThat(out.observation("MDC_PRIV_WARDGATE_MEDIBUS_SET_01").unit()).isEqualTo(Unit.PERCENT);
        assertThat(out.observation("MDC_PRIV_WARDGATE_MEDIBUS_SET_01").metric().mdcCode()).isEqualTo((2 << 16) | 0xF301);
    }

    /**
     * Example 5 of the protocol definition: the offer (airway pressure 00 and CO2 06, 16 ms), the
     * configuration "00 01 06 01", the enable sync command, and the record D3 91 81 8D 83: 0.125 mbar and
     * 1.96 mmHg. Then the record of the "Sync Byte" section (D5 B0 A3 8B BC: curves 1 and 3, 8F0H and F0BH).
     */
    @Test
    void realtimeCurvesAsInExample5() {
        active();
        for (int code : List.of(MedibusFrames.MEASURED_CP1, MedibusFrames.MEASURED_CP2, MedibusFrames.SETTINGS,
                MedibusFrames.ALARMS_CP1, MedibusFrames.ALARMS_CP2)) {
            receive(MedibusFrames.response(code, ""), T0);
        }
        receive(MedibusFrames.response(MedibusFrames.REALTIME_CONFIG,
                "00   16000-  10  100370" + "06   16000-  20  100460"), T0);
        assertThat(lastSent()).isEqualTo("\u001BT00010601" + "FA\r".replace("FA", new String(
                MedibusFrames.command(MedibusFrames.CONFIGURE_REALTIME, "00010601"), StandardCharsets.US_ASCII)
                .substring(10, 12)));
        receive(MedibusFrames.response(MedibusFrames.CONFIGURE_REALTIME, ""), T0);
        assertThat(out.sent().get(out.sent().size() - 1)).containsExactly(0xD0, 0xC1, 0xC3, 0xC0, 0xC0);
        receive(new byte[] {(byte) 0xD3, (byte) 0x91, (byte) 0x81, (byte) 0x8D, (byte) 0x83, (byte) 0xD1, (byte) 0x94,
                (byte) 0x81}, T0);
        session.tick(T0.plusSeconds(1), out);
        assertThat(out.errors()).isEmpty();
        assertThat(out.waves()).hasSize(2);
        assertThat(out.waves().get(0).metric().referenceId()).isEqualTo("MDC_PRESS_AWAY");
        assertThat(out.waves().get(0).samples()).containsExactly(81, 84);
        assertThat(out.waves().get(0).scale().physical(81)).isEqualByComparingTo("0.125");
        assertThat(out.waves().get(0).samplePeriod()).isEqualTo(java.time.Duration.ofMillis(16));
        assertThat(out.waves().get(1).unit()).isEqualTo(Unit.MMHG);
        assertThat(out.waves().get(1).samples()).containsExactly(205);
        assertThat(out.waves().get(1).scale().physical(205).doubleValue()).isCloseTo(1.96, org.assertj.core.data.Offset.offset(0.005));
        out.clear();
        receive(new byte[] {(byte) 0xD5, (byte) 0xB0, (byte) 0xA3, (byte) 0x8B, (byte) 0xBC}, T0);
        session.tick(T0.plusSeconds(2), out);
        assertThat(out.waves()).singleElement().satisfies(w -> assertThat(w.samples()).containsExactly(0x8F0));
        out.clear();
        receive(new byte[] {(byte) 0xD3, (byte) 0x91, (byte) 0xD3, (byte) 0x91, (byte) 0x81, (byte) 0x8D, (byte) 0x83}, T0);
        session.tick(T0.plusSeconds(3), out);
        assertThat(out.errors()).singleElement().satisfies(e -> assertThat(e.reason()).contains("0 of 2 values"));
        assertThat(out.waves()).allSatisfy(w -> assertThat(w.status()).containsExactly(StatusFlag.QUESTIONABLE));
    }

    @Test
    void theDevicesOwnCommandsAreAnswered() {
        active();
        out.clear();
        receive(MedibusFrames.command(MedibusFrames.NOP, ""), T0);
        receive(MedibusFrames.command(MedibusFrames.TIME_CHANGED, ""), T0);
        receive(MedibusFrames.command(MedibusFrames.MEASURED_CP1, ""), T0);
        receive(MedibusFrames.command(MedibusFrames.DEVICE_ID, ""), T0);
        receive(MedibusFrames.command(0x6A, "X"), T0);
        assertThat(out.sent()).extracting(b -> new String(b, StandardCharsets.US_ASCII)).containsExactly(
                "\u00010" + "31\r", "\u0001I4A\r", "\u0001$25\r",
                new String(MedibusFrames.response(MedibusFrames.DEVICE_ID, MedibusSession.OWN_IDENTITY),
                        StandardCharsets.US_ASCII),
                "\u0001j6B\r");
    }

    @Test
    void aCorruptCommandIsAnsweredWithNak() {
        active();
        out.clear();
        byte[] nop = MedibusFrames.command(MedibusFrames.NOP, "");
        nop[2] = 'F';
        receive(nop, T0);
        assertThat(out.sent()).singleElement().satisfies(b -> assertThat(b).containsExactly(0x01, 0x15, 0x31, 0x36, 0x0D));
        assertThat(out.errors()).singleElement().satisfies(e -> assertThat(e.reason()).contains("answered NAK"));
    }

    @Test
    void aNakFromTheDeviceRepeatsTheCommand() {
        active();
        out.clear();
        receive(MedibusFrames.nak(), T0);
        assertThat(lastSent()).isEqualTo("\u001B$3F\r");
    }

    @Test
    void anIccFromTheDeviceInitializesToo() {
        session.start(T0, out);
        receive(MedibusFrames.command(MedibusFrames.ICC, ""), T0);
        assertThat(out.sent()).extracting(b -> new String(b, StandardCharsets.US_ASCII)).endsWith("\u0001Q52\r",
                "\u001BR6D\r");
    }

    @Test
    void silenceForThreeSecondsStartsOver() {
        active();
        receive(MedibusFrames.response(MedibusFrames.MEASURED_CP1, ""), T0.plusSeconds(1));
        out.clear();
        session.tick(T0.plusSeconds(5), out);
        assertThat(lastSent()).isEqualTo("\u001BQ6C\r");
    }

    @Test
    void aValueNoLongerSentIsReportedUnavailableOnce() {
        active();
        receive(MedibusFrames.response(MedibusFrames.MEASURED_CP1, "EB 98 E1 70 "), T0);
        out.clear();
        session.tick(T0.plusSeconds(1), out);
        // Finish the round, then the next one.
        receive(MedibusFrames.response(MedibusFrames.MEASURED_CP2, ""), T0.plusSeconds(1));
        receive(MedibusFrames.response(MedibusFrames.SETTINGS, ""), T0.plusSeconds(1));
        receive(MedibusFrames.response(MedibusFrames.ALARMS_CP1, ""), T0.plusSeconds(1));
        receive(MedibusFrames.response(MedibusFrames.ALARMS_CP2, ""), T0.plusSeconds(2));
        receive(MedibusFrames.response(MedibusFrames.REALTIME_CONFIG, ""), T0.plusSeconds(2));
        session.tick(T0.plusSeconds(5), out);
        receive(MedibusFrames.response(MedibusFrames.MEASURED_CP1, "E1 71 "), T0.plusSeconds(5));
        assertThat(out.observation("MDC_PULS_OXIM_SAT_O2").status()).containsExactly(StatusFlag.UNAVAILABLE);
        assertThat(out.observation("MDC_PULS_OXIM_SAT_O2").value()).isNull();
        assertThat(out.observation("MDC_PULS_OXIM_PULS_RATE").value()).isEqualTo(Decimal.ofInteger(71));
    }

    @Test
    void alarmsAreReportedWhenTheyStartAndEnd() {
        active();
        receive(MedibusFrames.response(MedibusFrames.MEASURED_CP1, ""), T0);
        receive(MedibusFrames.response(MedibusFrames.MEASURED_CP2, ""), T0);
        receive(MedibusFrames.response(MedibusFrames.SETTINGS, ""), T0);
        receive(MedibusFrames.response(MedibusFrames.ALARMS_CP1, ">10PAW HIGH    =9BMIN VOL HIGH"), T0);
        assertThat(out.alarms()).extracting(a -> a.code() + " " + a.priority() + " " + a.state() + " " + a.text())
                .containsExactly("medibus:CP1-10 MEDIUM ACTIVE PAW HIGH", "medibus:CP1-9B MEDIUM ACTIVE MIN VOL HIGH");
        out.clear();
        receive(MedibusFrames.response(MedibusFrames.ALARMS_CP1, ">10PAW HIGH    "), T0.plusSeconds(1));
        assertThat(out.alarms()).singleElement().satisfies(a -> {
            assertThat(a.code()).isEqualTo("medibus:CP1-9B");
            assertThat(a.state()).isEqualTo(io.wardgate.api.AlarmState.ENDED);
            assertThat(a.gatewayTime()).isEqualTo(T0.plusSeconds(1));
        });
    }

    @Test
    void theFirstResponseAfterNoiseIsQuestionable() {
        active();
        receive(new byte[] {0x41, 0x42, 0x0D}, T0);
        receive(MedibusFrames.response(MedibusFrames.MEASURED_CP1, "EB 98 "), T0);
        assertThat(out.errors()).isNotEmpty();
        assertThat(out.observation("MDC_PULS_OXIM_SAT_O2").status()).containsExactly(StatusFlag.QUESTIONABLE);
    }

    @Test
    void aResponseToAnotherCommandIsReadAsQuestionable() {
        active();
        receive(MedibusFrames.response(MedibusFrames.SETTINGS, "01   40"), T0);
        assertThat(out.observations()).singleElement().satisfies(o -> {
            assertThat(o.metric().referenceId()).isEqualTo("MDC_PRIV_WARDGATE_MEDIBUS_SET_01");
            assertThat(o.status()).containsExactly(StatusFlag.QUESTIONABLE);
        });
        assertThat(lastSent()).as("still waiting for code page 1").isEqualTo("\u001B$3F\r");
    }
}
