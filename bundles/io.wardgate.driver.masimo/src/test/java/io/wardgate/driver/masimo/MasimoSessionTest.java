package io.wardgate.driver.masimo;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.Decimal;
import io.wardgate.api.Observation;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.Unit;
import io.wardgate.api.VitalSign;
import io.wardgate.api.driver.Decoded;
import io.wardgate.api.driver.SerialDriver;
import io.wardgate.sim.Discovered;
import io.wardgate.sim.RecordingOutput;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MasimoSessionTest {
    // device-protocols.md: "12/01/05 11:56:29 SN=0123456789 SPO2=098% BPM=240 PI=20.00% SPCO=01.0% SPMET=00.5%
    //   DESAT=01 PIDELTA=-02 PVI=027 ALARM=0000 EXC=000820" (Masimo Radical ASCII 1 example line;
    //   the same line is the Radical-7 example of the MD PnP reader poxrad_discrete.h)
    static final String SPEC_EXAMPLE = "12/01/05 11:56:29 SN=0123456789 SPO2=098% BPM=240 PI=20.00% SPCO=01.0% "
            + "SPMET=00.5% DESAT=01 PIDELTA=-02 PVI=027 ALARM=0000 EXC=000820\r\n";
    // A public capture of a Rad-8 (github README of a Rad-8 to elasticsearch script): dashes with a sign.
    static final String RAD8_CAPTURE = "02/22/16 22:47:45 SN=0000056661 SPO2=098% BPM=097 PI=03.60% SPCO=--.-% "
            + "SPMET=--.-% DESAT=-- PIDELTA=+-- ALARM=0000 EXC=000800\r\n";
    // MD PnP poxrad_discrete.h: Radical-5 example, no SN and shorter hex words.
    static final String RADICAL5_EXAMPLE = "09/15/10 15:10:29 SPO2=097% BPM=064 PI=11.82% ALARM=20 EXC=800\r\n";

    private static final ZoneId ZONE = ZoneOffset.ofHours(1);
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    private MasimoSession session;
    private RecordingOutput out;

    @BeforeEach
    void start() {
        session = new MasimoSession(ZONE);
        out = new RecordingOutput();
        session.start(NOW, out);
    }

    private void feed(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        session.receive(bytes, 0, bytes.length, NOW, out);
    }

    @Test
    void decodesEveryFieldOfTheSpecExampleLine() {
        feed(SPEC_EXAMPLE);

        assertThat(out.identities()).containsExactly(new Decoded.IdentityDecoded(0, "", "0123456789", ""));
        Instant deviceTime = LocalDateTime.parse("2005-12-01T11:56:29").atZone(ZONE).toInstant();
        assertThat(out.observations()).hasSize(8).allSatisfy(o -> {
            assertThat(o.deviceTime()).isEqualTo(deviceTime);
            assertThat(o.receivedAt()).isEqualTo(NOW);
            // EXC=000820: 0x800 Masimo SET (informational) and 0x20 sensor off
            assertThat(o.status()).containsExactly(StatusFlag.SENSOR_PROBLEM);
        });
        Observation spo2 = out.observation("MDC_PULS_OXIM_SAT_O2");
        assertThat(spo2.metric()).isEqualTo(VitalSign.SPO2.metric());
        assertThat(spo2.unit()).isEqualTo(Unit.PERCENT);
        assertThat(spo2.value()).isEqualTo(Decimal.of(98, 0));
        Observation pulse = out.observation("MDC_PULS_OXIM_PULS_RATE");
        assertThat(pulse.metric()).isEqualTo(VitalSign.PULSE_RATE.metric());
        assertThat(pulse.unit()).isEqualTo(Unit.BEATS_PER_MINUTE);
        assertThat(pulse.value()).isEqualTo(Decimal.of(240, 0));
        assertThat(out.observation("MDC_PULS_OXIM_PERF_REL").value()).isEqualTo(Decimal.of(2000, -2));
        assertThat(out.observation("MDC_PULS_OXIM_PERF_REL").value()).hasToString("20.00");
        assertThat(out.observation("MDC_CONC_HB_CO_GEN").value()).isEqualTo(Decimal.of(10, -1));
        assertThat(out.observation("MDC_CONC_HB_MET_GEN").value()).isEqualTo(Decimal.of(5, -1));
        assertThat(out.observation("MDC_PRIV_WARDGATE_MASIMO_DESAT").value()).isEqualTo(Decimal.of(1, 0));
        assertThat(out.observation("MDC_PRIV_WARDGATE_MASIMO_PIDELTA").value()).isEqualTo(Decimal.of(-2, 0));
        assertThat(out.observation("MDC_PRIV_WARDGATE_MASIMO_PVI").value()).isEqualTo(Decimal.of(27, 0));
        assertThat(out.alarms()).as("ALARM=0000 on the first line is no news").isEmpty();
        assertThat(out.errors()).isEmpty();
        assertThat(out.sent()).as("ASCII 1 is output-only").isEmpty();
    }

    @Test
    void itemsComeInLineOrderWithTheLineOffset() {
        feed(SPEC_EXAMPLE);
        feed(SPEC_EXAMPLE.replace("ALARM=0000", "ALARM=0002"));
        long second = SPEC_EXAMPLE.length();
        assertThat(out.items().get(0)).isInstanceOf(Decoded.IdentityDecoded.class);
        assertThat(out.items().subList(1, 9)).allMatch(Decoded.ReadingDecoded.class::isInstance);
        assertThat(out.items().subList(9, 17)).allMatch(item -> item.offset() == second);
        assertThat(out.items().get(17)).isInstanceOf(Decoded.AlarmDecoded.class).extracting(Decoded::offset)
                .isEqualTo(second);
        assertThat(out.items()).hasSize(18);
    }

    @Test
    void codesOfParametersWithoutAVerifiedMdcTermAreInThePrivateRange() {
        // UNVERIFIED: no public MDC term was found for DESAT, PIDELTA and PVI (see MasimoParameter).
        for (MasimoParameter parameter : new MasimoParameter[] {MasimoParameter.DESAT, MasimoParameter.PI_DELTA,
                MasimoParameter.PVI}) {
            int code = parameter.metric().mdcCode();
            assertThat(code >> 16).as("partition").isEqualTo(2);
            assertThat(code & 0xFFFF).as("term code in the private range").isGreaterThanOrEqualTo(0xF000);
            assertThat(parameter.metric().referenceId()).startsWith("MDC_PRIV_WARDGATE_");
        }
        // Verified: SCADA term 19376 (IntelliVue NOM_PULS_OXIM_PERF_REL 0x4BB0) + partition 2.
        assertThat(MasimoParameter.PERFUSION_INDEX.metric().mdcCode()).isEqualTo((2 << 16) + 0x4BB0).isEqualTo(150448);
        // UNVERIFIED fit: the generic CO-Hb / Met-Hb terms (IntelliVue NLS 0x00027180 / 0x0002717C).
        assertThat(MasimoParameter.SPCO.metric().mdcCode()).isEqualTo(0x27180);
        assertThat(MasimoParameter.SPMET.metric().mdcCode()).isEqualTo(0x2717C);
    }

    @Test
    void dashesAreUnavailableStatusesNeverNumbers() {
        feed(RAD8_CAPTURE);
        assertThat(out.observation("MDC_PULS_OXIM_SAT_O2").value()).isEqualTo(Decimal.of(98, 0));
        assertThat(out.observation("MDC_PULS_OXIM_PERF_REL").value()).isEqualTo(Decimal.of(360, -2));
        for (String absent : new String[] {"MDC_CONC_HB_CO_GEN", "MDC_CONC_HB_MET_GEN", "MDC_PRIV_WARDGATE_MASIMO_DESAT",
                "MDC_PRIV_WARDGATE_MASIMO_PIDELTA"}) {
            Observation o = out.observation(absent);
            assertThat(o.value()).as(absent).isNull();
            assertThat(o.status()).as(absent).containsExactly(StatusFlag.UNAVAILABLE);
        }
        assertThat(out.observations()).hasSize(7).noneMatch(o -> o.metric().referenceId().endsWith("PVI"));
        assertThat(out.errors()).isEmpty();

        out.clear();
        feed("02/22/16 22:47:46 SN=0000056661 SPO2=---% BPM=--- PI=--.--% ALARM=0000 EXC=000001\r\n");
        assertThat(out.observations()).hasSize(3).allSatisfy(o -> {
            assertThat(o.value()).isNull();
            assertThat(o.status()).containsExactlyInAnyOrder(StatusFlag.UNAVAILABLE, StatusFlag.SENSOR_PROBLEM);
        });
    }

    @Test
    void readsTheShorterRadical5Line() {
        feed(RADICAL5_EXAMPLE);
        assertThat(out.identities()).as("no SN field").isEmpty();
        assertThat(out.observations()).hasSize(3);
        assertThat(out.observation("MDC_PULS_OXIM_PERF_REL").value()).isEqualTo(Decimal.of(1182, -2));
        // ALARM=20 is "alarm silenced" with no limit violated: an alarm, and no flag on the readings
        assertThat(out.alarms()).extracting(a -> a.text() + " " + a.state())
                .containsExactly("alarm, condition not given SILENCED");
        assertThat(out.observations()).allMatch(o -> o.status().isEmpty());
    }

    @Test
    void reportsTheIdentityOnceAndAgainWhenTheSerialNumberChanges() {
        feed(SPEC_EXAMPLE);
        feed(SPEC_EXAMPLE);
        feed(SPEC_EXAMPLE.replace("SN=0123456789", "SN=9876543210"));
        feed(SPEC_EXAMPLE.replace("SN=0123456789", "SN=----------"));
        assertThat(out.identities()).extracting(Decoded.IdentityDecoded::serialNumber)
                .containsExactly("0123456789", "9876543210");
        assertThat(out.identities()).allMatch(id -> id.model().isEmpty() && id.eui64().isEmpty());
    }

    @Test
    void alarmsAreRaisedSilencedAndEndedFromConsecutiveAlarmWords() {
        feed(SPEC_EXAMPLE.replace("ALARM=0000", "ALARM=0012"));
        feed(SPEC_EXAMPLE.replace("ALARM=0000", "ALARM=0012"));
        feed(SPEC_EXAMPLE.replace("ALARM=0000", "ALARM=0032"));
        feed(SPEC_EXAMPLE);
        assertThat(out.events()).isEmpty();
        assertThat(out.alarms()).extracting(a -> a.code() + " " + a.text() + " " + a.state()).containsExactly(
                "masimo:0002 SpO2 low limit ACTIVE",
                "masimo:0002 SpO2 low limit SILENCED",
                "masimo:0002 SpO2 low limit ENDED");
        assertThat(out.alarms()).allSatisfy(a -> assertThat(a.source().referenceId()).isEqualTo("MDC_PULS_OXIM_SAT_O2"));
    }

    @Test
    void anUnreadableFieldIsAnErrorAndTheRestOfTheLineIsKept() {
        feed(SPEC_EXAMPLE.replace("BPM=240", "BPM=2x0").replace("EXC=000820", "EXC=zz"));
        assertThat(out.errors()).extracting(Decoded.FramingError::reason)
                .containsExactly("unreadable BPM '2x0'", "unreadable EXC 'zz'");
        assertThat(out.observations()).hasSize(7).allMatch(o -> o.status().isEmpty());
        assertThat(out.identities()).hasSize(1);
    }

    @Test
    void aBadDateKeepsTheValuesWithoutDeviceTime() {
        feed(SPEC_EXAMPLE.replace("12/01/05", "13/45/05"));
        assertThat(out.errors()).extracting(Decoded.FramingError::reason)
                .containsExactly("invalid date or time '13/45/05 11:56:29'");
        assertThat(out.observations()).hasSize(8).allMatch(o -> o.deviceTime() == null);
    }

    @Test
    void aLineThatIsNotAMasimoLineIsOneFramingError() {
        feed("hello world, this is not a pulse oximeter\r\n");
        assertThat(out.items()).containsExactly(new Decoded.FramingError(0, "not a Masimo ASCII 1 line"));
    }

    @Test
    void anOverlongLineIsSkippedAndTheNextLineDecodes() {
        String overlong = "12/01/05 11:56:29 " + "X".repeat(MasimoSession.MAX_LINE_LENGTH) + "\r\n";
        feed(overlong + SPEC_EXAMPLE);
        assertThat(out.errors()).singleElement().satisfies(error -> {
            assertThat(error.offset()).isZero();
            assertThat(error.reason()).contains("longer than 512 bytes");
        });
        assertThat(out.observations()).hasSize(8).allMatch(o -> o.deviceTime() != null);
        assertThat(out.items().get(1)).extracting(Decoded::offset).isEqualTo((long) overlong.length());
    }

    @Test
    void oneByteAtATimeGivesTheSameResultAsWholeLines() {
        String stream = SPEC_EXAMPLE + RAD8_CAPTURE + "garbage\r\n" + RADICAL5_EXAMPLE;
        feed(stream);
        var whole = java.util.List.copyOf(out.items());
        start();
        byte[] bytes = stream.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < bytes.length; i++) {
            session.receive(bytes, i, 1, NOW, out);
        }
        assertThat(out.items()).isEqualTo(whole);
    }

    @Test
    void everyBitFlipOfTheExampleLineIsDataAndTheNextLineStillDecodes() {
        byte[] line = SPEC_EXAMPLE.getBytes(StandardCharsets.US_ASCII);
        byte[] good = SPEC_EXAMPLE.replace("SN=0123456789", "SN=GOOD").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < line.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] flipped = line.clone();
                flipped[i] ^= (byte) (1 << bit);
                start();
                session.receive(flipped, 0, flipped.length, NOW, out);
                out.clear();
                // the next good frame begins after the next line end (the flip may have hit the LF itself)
                session.receive(new byte[] {'\n'}, 0, 1, NOW, out);
                session.receive(good, 0, good.length, NOW, out);
                assertThat(out.observations()).as("byte %d bit %d", i, bit).hasSize(8);
                assertThat(out.identities()).extracting(Decoded.IdentityDecoded::serialNumber).containsExactly("GOOD");
            }
        }
    }

    @Test
    void startForgetsThePartialLineAndTheLastIdentity() {
        feed(SPEC_EXAMPLE);
        feed("12/01/05 11:56:30 SN=0123");
        session.start(NOW, out);
        out.clear();
        feed(SPEC_EXAMPLE);
        assertThat(out.identities()).singleElement().extracting(Decoded::offset).isEqualTo(0L);
        assertThat(out.errors()).isEmpty();
    }

    @Test
    void tickDoesNothing() {
        session.tick(NOW, out);
        assertThat(out.items()).isEmpty();
        assertThat(out.sent()).isEmpty();
    }

    @Test
    void isListedAsMasimo() {
        SerialDriver driver = Discovered.serialDriver("masimo").orElseThrow();
        assertThat(driver.protocol()).isEqualTo("masimo");
        assertThat(driver.openSession()).isInstanceOf(MasimoSession.class);
    }
}
