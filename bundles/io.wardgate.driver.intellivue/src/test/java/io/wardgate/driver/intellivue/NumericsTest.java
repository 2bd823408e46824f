package io.wardgate.driver.intellivue;

import static io.wardgate.driver.intellivue.IntelliVueIds.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.Decimal;
import io.wardgate.api.Metric;
import io.wardgate.api.Observation;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.Unit;
import io.wardgate.api.VitalSign;
import io.wardgate.driver.intellivue.sim.MonitorPdus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** NuObsValue decoding (device-protocols.md lines 30-48, nomenclature.md). */
class NumericsTest {
    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

    private static Observation decode(String hex) throws MalformedPdu {
        return Numerics.nuObsValue(new PduReader(Hex.bytes(hex)), NOW, new ArrayList<>()).orElseThrow();
    }

    private static Optional<Observation> decode(int physioId, int state, int unitCode, int rawFloat,
            List<String> unnamed) throws MalformedPdu {
        PduWriter value = new PduWriter();
        MonitorPdus.nuObsValue(value, physioId, state, unitCode, rawFloat);
        return Numerics.nuObsValue(new PduReader(value.toByteArray()), NOW, unnamed);
    }

    private static Observation decode(int physioId, int state, int unitCode, int rawFloat) throws MalformedPdu {
        List<String> unnamed = new ArrayList<>();
        Observation observation = decode(physioId, state, unitCode, rawFloat, unnamed).orElseThrow();
        assertThat(unnamed).isEmpty();
        return observation;
    }

    @Test
    void heartRateSixty() throws MalformedPdu {
        // device-protocols.md: "HR 60 bpm = `41 82 00 00 0A A0 00 00 00 3C`"
        Observation hr = decode("41 82 00 00 0A A0 00 00 00 3C");
        assertThat(hr.metric()).isEqualTo(VitalSign.HEART_RATE.metric());
        assertThat(hr.metric().mdcCode()).isEqualTo(147842); // nomenclature.md: MDC_ECG_HEART_RATE
        assertThat(hr.unit()).isEqualTo(Unit.BEATS_PER_MINUTE);
        assertThat(hr.value()).isEqualTo(Decimal.of(60, 0));
        assertThat(hr.status()).isEmpty();
        assertThat(hr.receivedAt()).isEqualTo(NOW);
    }

    @Test
    void spo2NinetyEightPointZeroKeepsItsDecimal() throws MalformedPdu {
        // device-protocols.md: "SpO2 98.0 % = `4B B8 00 00 02 20 FF 00 03 D4`" (mantissa 980, exponent -1)
        Observation spo2 = decode("4B B8 00 00 02 20 FF 00 03 D4");
        assertThat(spo2.metric()).isEqualTo(VitalSign.SPO2.metric());
        assertThat(spo2.unit()).isEqualTo(Unit.PERCENT);
        assertThat(spo2.value()).isEqualTo(Decimal.of(980, -1));
        assertThat(spo2.value().toString()).isEqualTo("98.0");
    }

    @Test
    void floatSpecialsAreStatusesNeverNumbers() throws MalformedPdu {
        // device-protocols.md: "Specials: NaN 0x007FFFFF, NRes 0x00800000, +INF 0x007FFFFE, -INF 0x00800002"
        assertThat(decode(NOM_PULS_OXIM_SAT_O2, 0, NOM_DIM_PERCENT, 0x007FFFFF).status()).containsExactly(StatusFlag.INVALID);
        assertThat(decode(NOM_PULS_OXIM_SAT_O2, 0, NOM_DIM_PERCENT, 0x00800000).status()).containsExactly(StatusFlag.INVALID);
        assertThat(decode(NOM_PULS_OXIM_SAT_O2, 0, NOM_DIM_PERCENT, 0x007FFFFE).status()).containsExactly(StatusFlag.ABOVE_RANGE);
        assertThat(decode(NOM_PULS_OXIM_SAT_O2, 0, NOM_DIM_PERCENT, 0x00800002).status()).containsExactly(StatusFlag.BELOW_RANGE);
        for (int special : new int[] {0x007FFFFF, 0x00800000, 0x007FFFFE, 0x00800002, 0x00800001}) {
            assertThat(decode(NOM_PULS_OXIM_SAT_O2, 0, NOM_DIM_PERCENT, special).valueIfPresent()).isEmpty();
        }
    }

    @Test
    void negativeMantissaAndExponent() throws MalformedPdu {
        // FLOAT = signed 24-bit mantissa x 10^(signed 8-bit exponent) (device-protocols.md line 31)
        assertThat(decode(NOM_TEMP, 0, NOM_DIM_DEGC, 0xFEFFFF9C).value()).isEqualTo(Decimal.of(-100, -2));
        assertThat(decode(NOM_TEMP, 0, NOM_DIM_DEGC, 0x02000001).value()).isEqualTo(Decimal.of(1, 2));
    }

    @Test
    void statesThatAreNotClinicalValuesDropTheNumber() {
        // device-protocols.md: "A value with any of `state & 0xF800` is not a clinical value"; demo data too
        // (issue 3: "invalid, unavailable, demo, test and calibration states are statuses, never numbers")
        int[][] cases = {{STATE_INVALID, 0}, {STATE_UNAVAILABLE, 1}, {STATE_CALIBRATION_ONGOING, 2},
            {STATE_TEST_DATA, 3}, {STATE_DEMO_DATA, 4}};
        StatusFlag[] flags = {StatusFlag.INVALID, StatusFlag.UNAVAILABLE, StatusFlag.CALIBRATING, StatusFlag.TEST,
            StatusFlag.DEMO};
        for (int[] c : cases) {
            Observation observation = sixty(c[0]);
            assertThat(observation.valueIfPresent()).as("state %04X", c[0]).isEmpty();
            assertThat(observation.status()).contains(flags[c[1]]);
        }
    }

    @Test
    void questionableKeepsItsValueFlaggedAsTheApiDefinesIt() {
        // StatusFlag.QUESTIONABLE does not mean "no value" in io.wardgate.api: the number travels, flagged.
        Observation questionable = sixty(STATE_QUESTIONABLE);
        assertThat(questionable.value()).isEqualTo(Decimal.of(60, 0));
        assertThat(questionable.status()).containsExactly(StatusFlag.QUESTIONABLE);
    }

    @Test
    void informativeStateBitsTravelWithTheValue() {
        Observation observation = sixty(STATE_VALIDATED_DATA | STATE_EARLY_INDICATION | STATE_MSMT_ONGOING
                | STATE_IN_ALARM | STATE_AL_INHIBITED);
        assertThat(observation.value()).isEqualTo(Decimal.of(60, 0));
        assertThat(observation.status()).containsExactlyInAnyOrder(StatusFlag.VALIDATED, StatusFlag.EARLY_INDICATION,
                StatusFlag.MEASUREMENT_ONGOING, StatusFlag.IN_ALARM, StatusFlag.ALARM_INHIBITED);
    }

    private static Observation sixty(int state) {
        try {
            return decode(NOM_ECG_CARD_BEAT_RATE, state, NOM_DIM_BEAT_PER_MIN, 60);
        } catch (MalformedPdu e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void vitalsOfTheTableMapArithmetically() throws MalformedPdu {
        // device-protocols.md: "MDC code = physio_id + 0x20000; MDC unit = unit_code + 0x40000"
        assertThat(decode(NOM_PRESS_BLD_NONINV_SYS, 0, NOM_DIM_MMHG, 120).metric()).isEqualTo(VitalSign.NIBP_SYSTOLIC.metric());
        assertThat(decode(NOM_PRESS_BLD_NONINV_DIA, 0, NOM_DIM_MMHG, 80).metric()).isEqualTo(VitalSign.NIBP_DIASTOLIC.metric());
        assertThat(decode(NOM_PRESS_BLD_NONINV_MEAN, 0, NOM_DIM_MMHG, 93).metric()).isEqualTo(VitalSign.NIBP_MEAN.metric());
        assertThat(decode(NOM_RESP_RATE, 0, NOM_DIM_RESP_PER_MIN, 16).metric()).isEqualTo(VitalSign.RESPIRATION_RATE.metric());
        assertThat(decode(NOM_RESP_RATE, 0, NOM_DIM_RESP_PER_MIN, 16).unit()).isEqualTo(Unit.RESPIRATIONS_PER_MINUTE);
        assertThat(decode(NOM_CONC_AWAY_CO2_ET, 0, NOM_DIM_MMHG, 38).metric()).isEqualTo(VitalSign.ETCO2.metric());
        assertThat(decode(NOM_PRESS_BLD_NONINV_SYS, 0, NOM_DIM_MMHG, 120).unit()).isEqualTo(Unit.MMHG);
    }

    @Test
    void everyCodeIsNamedByTheNomenclatureTable() throws MalformedPdu {
        // temperature 0x4B48 -> 150344, the generic MDC_TEMP of nomenclature.md (not MDC_TEMP_BODY 150364)
        Observation temp = decode(NOM_TEMP, 0, NOM_DIM_DEGC, 0xFF000173);
        assertThat(temp.metric()).isEqualTo(Metric.mdc(150344, "MDC_TEMP"));
        assertThat(temp.unit()).isEqualTo(Unit.CELSIUS);
        assertThat(temp.value().toString()).isEqualTo("37.1");
        // pleth pulse rate 0x4822 -> 149538 MDC_PLETH_PULS_RATE (not MDC_PULS_OXIM_PULS_RATE 149530)
        assertThat(decode(NOM_PLETH_PULS_RATE, 0, NOM_DIM_BEAT_PER_MIN, 72).metric())
                .isEqualTo(new Metric(149538, "MDC_PLETH_PULS_RATE", "8867-4"));
        // ST II 0x0302 in mm (unit 0x0512 -> 263442 MDC_DIM_MILLI_M), once MDC_IV_0302 in {mdc-dim-263442}
        Observation st = decode(0x0302, 0, 0x0512, 0xFF00000C);
        assertThat(st.metric()).isEqualTo(Metric.mdc(131842, "MDC_ECG_AMPL_ST_II"));
        assertThat(st.unit()).isEqualTo(new Unit("mm", 263442, "MDC_DIM_MILLI_M"));
        // PVC count 0x4261 and perfusion indicator 0x4BB0
        assertThat(decode(0x4261, 0, 0x09E0, 3).metric().referenceId()).isEqualTo("MDC_ECG_V_P_C_CNT");
        assertThat(decode(0x4BB0, 0, NOM_DIM_PERCENT, 2).metric().referenceId()).isEqualTo("MDC_PULS_OXIM_PERF_REL");
        // EtCO2 0x50B0 -> 151728, MDC_AWAY_CO2_ET with the EtCO2 LOINC of the table
        assertThat(decode(NOM_AWAY_CO2_ET, 0, NOM_DIM_MMHG, 38).metric())
                .isEqualTo(new Metric(151728, "MDC_AWAY_CO2_ET", "19889-5"));
    }

    @Test
    void aCodeOrUnitTheTableCannotNameIsNotForwardedButDescribed() throws MalformedPdu {
        List<String> unnamed = new ArrayList<>();
        assertThat(decode(0xF0E5, 0, NOM_DIM_PERCENT, 5, unnamed)).isEmpty();
        assertThat(decode(NOM_PULS_OXIM_SAT_O2, 0, 0x1234, 5, unnamed)).isEmpty();
        assertThat(unnamed).containsExactly(
                "IntelliVue code 0xF0E5 (MDC 192741) in unit 0x0220 (MDC 262688) is not in the nomenclature table: not forwarded",
                "IntelliVue code 0x4BB8 (MDC 150456) in unit 0x1234 (MDC 266804) is not in the nomenclature table: not forwarded");
        // A WardGate-private term of the table (Masimo's 0x2FD01) is not an IntelliVue code.
        assertThat(decode(0xFD01, 0, NOM_DIM_DIMLESS, 5, unnamed)).isEmpty();
    }

    @Test
    void compoundNibpGivesThreeObservations() throws MalformedPdu {
        byte[] pdu = MonitorPdus.extendedPollReply(1, false, NOM_MOC_VMO_METRIC_NU, 1, polls -> {
            polls.u16(0x60);
            MonitorPdus.attributes(polls, 1, list -> MonitorPdus.ava(list, NOM_ATTR_NU_CMPD_VAL_OBS, v -> {
                v.u16(3);
                int length = v.openLength();
                MonitorPdus.nuObsValue(v, NOM_PRESS_BLD_NONINV_SYS, 0, NOM_DIM_MMHG, 121);
                MonitorPdus.nuObsValue(v, NOM_PRESS_BLD_NONINV_DIA, 0, NOM_DIM_MMHG, 79);
                MonitorPdus.nuObsValue(v, NOM_PRESS_BLD_NONINV_MEAN, 0, NOM_DIM_MMHG, 93);
                v.closeLength(length);
            }));
        });
        List<Observation> nibp = Numerics.fromPolls(((Message.PollReply) MessageParser.parse(pdu)).polls(), NOW)
                .observations();
        assertThat(nibp).extracting(Observation::metric).containsExactly(VitalSign.NIBP_SYSTOLIC.metric(),
                VitalSign.NIBP_DIASTOLIC.metric(), VitalSign.NIBP_MEAN.metric());
        assertThat(nibp).extracting(o -> o.value().toString()).containsExactly("121", "79", "93");
    }
}
