package io.wardgate.driver.datex;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.Decimal;
import io.wardgate.api.Observation;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.Unit;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The basic class at the offsets of device-protocols.md lines 67-73 (HR @6, NIBP @78/80/82, T1 @92, SpO2
 * @124/126, CO2 @138/142, ambient @144), which agree with the group layout of the DRI specification
 * (8005313, 3.5: ecg 16 bytes, four p_groups of 14, nibp 14, four t_groups of 8, SpO2 14, co2 14).
 */
class PhysiologicalDecoderTest {
    private static final Instant NOW = Instant.parse("2026-03-04T05:06:08Z");

    private static PhysiologicalDecoder.Result decode(Records.Basic basic) {
        return PhysiologicalDecoder.decode(ByteBuffer.wrap(basic.bytes()).order(ByteOrder.LITTLE_ENDIAN), NOW);
    }

    private static Observation find(PhysiologicalDecoder.Result result, String referenceId) {
        return result.observations().stream().filter(o -> o.metric().referenceId().equals(referenceId)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + referenceId + " in " + result));
    }

    @Test
    void readsEveryBasicParameterInItsUnit() {
        PhysiologicalDecoder.Result result = decode(Records.adult());
        assertThat(result.problem()).isNull();
        assertThat(find(result, "MDC_ECG_HEART_RATE").value()).isEqualTo(Decimal.ofInteger(72));
        assertThat(find(result, "MDC_PRESS_BLD_ART_SYS").value()).isEqualTo(Decimal.of(12_000, -2));
        assertThat(find(result, "MDC_PRESS_BLD_ART_DIA").value()).isEqualTo(Decimal.of(8_000, -2));
        assertThat(find(result, "MDC_PRESS_BLD_ART_MEAN").value()).isEqualTo(Decimal.of(9_300, -2));
        assertThat(find(result, "MDC_PRESS_BLD_NONINV_SYS").value()).isEqualTo(Decimal.of(11_800, -2));
        assertThat(find(result, "MDC_PRESS_BLD_NONINV_DIA").value()).isEqualTo(Decimal.of(7_600, -2));
        assertThat(find(result, "MDC_PRESS_BLD_NONINV_MEAN").value()).isEqualTo(Decimal.of(9_000, -2));
        assertThat(find(result, "MDC_TEMP").value()).isEqualTo(Decimal.of(3_690, -2));
        assertThat(find(result, "MDC_TEMP").unit()).isEqualTo(Unit.CELSIUS);
        assertThat(find(result, "MDC_PULS_OXIM_SAT_O2").value()).isEqualTo(Decimal.of(9_750, -2));
        assertThat(find(result, "MDC_PULS_OXIM_PULS_RATE").value()).isEqualTo(Decimal.ofInteger(71));
        assertThat(find(result, "MDC_RESP_RATE").value()).isEqualTo(Decimal.ofInteger(14));
        assertThat(result.observations()).allSatisfy(o -> {
            assertThat(o.deviceTime()).isEqualTo(Records.T);
            assertThat(o.receivedAt()).isEqualTo(NOW);
        });
        // Groups whose module does not exist (P2-P4, T2-T4) say nothing.
        assertThat(result.observations()).hasSize(13);
    }

    /** EtCO2 mmHg = et x amb_press x 1e-5 (line 71): 5.00 % at 760.0 mmHg is 38.0 mmHg; FiCO2 0.20 % is 1.5. */
    @Test
    void convertsCo2WithTheAmbientPressure() {
        PhysiologicalDecoder.Result result = decode(Records.adult());
        assertThat(find(result, "MDC_CONC_AWAY_CO2_ET").value()).isEqualTo(Decimal.of(380, -1));
        assertThat(find(result, "MDC_CONC_AWAY_CO2_ET").unit()).isEqualTo(Unit.MMHG);
        assertThat(find(result, "MDC_CONC_AWAY_CO2_INSP").value()).isEqualTo(Decimal.of(15, -1));
    }

    @Test
    void withoutAnAmbientPressureCo2StaysInPercent() {
        PhysiologicalDecoder.Result result = decode(Records.adult().at(144, -32767));
        assertThat(find(result, "MDC_CONC_AWAY_CO2_ET").value()).isEqualTo(Decimal.of(500, -2));
        assertThat(find(result, "MDC_CONC_AWAY_CO2_ET").unit()).isEqualTo(Unit.PERCENT);
    }

    /** Line 72-73: every marker is a status, never a number. */
    @ParameterizedTest
    @CsvSource({
        "-32767, INVALID",
        "-32766, NOT_UPDATED",
        "-32765, INVALID|ARTIFACT",
        "-32764, BELOW_RANGE",
        "-32763, ABOVE_RANGE",
        "-32762, INVALID|SENSOR_PROBLEM",
        "-32001, INVALID",
    })
    void markersBecomeStatusFlags(int marker, String flags) {
        PhysiologicalDecoder.Result result = decode(Records.adult().at(124, marker).at(6, marker).at(138, marker));
        Set<StatusFlag> expected = java.util.Arrays.stream(flags.split("\\|")).map(StatusFlag::valueOf)
                .collect(java.util.stream.Collectors.toSet());
        for (String id : new String[] {"MDC_PULS_OXIM_SAT_O2", "MDC_ECG_HEART_RATE", "MDC_CONC_AWAY_CO2_ET"}) {
            Observation o = find(result, id);
            assertThat(o.value()).as(id).isNull();
            assertThat(o.status()).as(id).isEqualTo(expected);
        }
    }

    @Test
    void theSmallestNumberIsStillANumber() {
        assertThat(find(decode(Records.adult().at(22, -32000)), "MDC_PRESS_BLD_ART_SYS").value())
                .isEqualTo(Decimal.of(-32_000, -2));
    }

    @Test
    void pressureLabelsNameThePressure() {
        PhysiologicalDecoder.Result result = decode(Records.adult().group(30, 2).at(40, 800).group(44, 3).at(50, 2_500)
                .group(58, 8).at(64, 11_000));
        assertThat(find(result, "MDC_PRESS_BLD_VEN_CENT_MEAN").value()).isEqualTo(Decimal.of(800, -2));
        assertThat(find(result, "MDC_PRESS_BLD_ART_PULM_SYS").value()).isEqualTo(Decimal.of(2_500, -2));
        assertThat(find(result, "MDC_PRESS_BLD_ART_ABP_SYS").value()).isEqualTo(Decimal.of(11_000, -2));
        assertThat(find(result, "MDC_PRESS_BLD_ART_ABP_SYS").metric().mdcCode()).isEqualTo(150037);
    }

    @Test
    void otherClassesAndShortSubrecordsAreNotReadAsBasic() {
        assertThat(decode(Records.adult().cls(1)).observations()).isEmpty();
        PhysiologicalDecoder.Result shortOne = PhysiologicalDecoder.decode(ByteBuffer.allocate(100), NOW);
        assertThat(shortOne.observations()).isEmpty();
        assertThat(shortOne.problem()).contains("100 bytes");
    }
}
