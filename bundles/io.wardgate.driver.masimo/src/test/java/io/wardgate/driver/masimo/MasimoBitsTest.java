package io.wardgate.driver.masimo;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.AlarmState;
import io.wardgate.api.Observation;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.driver.Decoded;
import io.wardgate.sim.RecordingOutput;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every ALARM and EXC bit, one at a time, on the spec's example line. Bits 0x01..0x40 of ALARM and
 * 0x01, 0x04, 0x08, 0x20, 0x400, 0x800 of EXC: device-protocols.md; the others: MD PnP poxrad_discrete.h.
 */
class MasimoBitsTest {
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    private static RecordingOutput decode(String alarm, String exc) {
        String line = MasimoSessionTest.SPEC_EXAMPLE.replace("ALARM=0000", "ALARM=" + alarm)
                .replace("EXC=000820", "EXC=" + exc);
        MasimoSession session = new MasimoSession(ZoneOffset.UTC);
        RecordingOutput out = new RecordingOutput();
        session.start(NOW, out);
        byte[] bytes = line.getBytes(StandardCharsets.US_ASCII);
        session.receive(bytes, 0, bytes.length, NOW, out);
        assertThat(out.errors()).isEmpty();
        assertThat(out.observations()).hasSize(8);
        return out;
    }

    @ParameterizedTest
    @EnumSource(AlarmBit.class)
    void eachAlarmBitIsATypedAlarmAndFlagsOnlyItsParameter(AlarmBit bit) {
        RecordingOutput out = decode(String.format("%04X", bit.mask()), "000000");

        boolean stateOnly = bit == AlarmBit.ACTIVE || bit == AlarmBit.SILENCED;
        assertThat(out.alarms()).singleElement().satisfies(alarm -> {
            assertThat(alarm.code()).isEqualTo(stateOnly ? "masimo:0010" : String.format("masimo:%04X", bit.mask()));
            assertThat(alarm.text()).isEqualTo(stateOnly ? "alarm, condition not given" : bit.text());
            assertThat(alarm.state()).isEqualTo(bit == AlarmBit.SILENCED ? AlarmState.SILENCED : AlarmState.ACTIVE);
            assertThat(alarm.source()).isEqualTo(bit.parameter() == null ? null : bit.parameter().metric());
            assertThat(alarm.gatewayTime()).isEqualTo(NOW);
            assertThat(alarm.deviceTime()).isNotNull();
        });
        for (Observation o : out.observations()) {
            boolean concerned = bit.parameter() != null && o.metric().equals(bit.parameter().metric());
            assertThat(o.status()).as("%s on %s", bit, o.metric().referenceId())
                    .isEqualTo(concerned ? Set.of(StatusFlag.IN_ALARM) : Set.of());
            assertThat(o.value()).isNotNull();
        }
    }

    @Test
    void aSilencedLimitAlarmIsInAlarmAndInhibited() {
        RecordingOutput out = decode("0031", "000000");
        assertThat(out.observation("MDC_PULS_OXIM_SAT_O2").status())
                .containsExactlyInAnyOrder(StatusFlag.IN_ALARM, StatusFlag.ALARM_INHIBITED);
        assertThat(out.observation("MDC_PULS_OXIM_PULS_RATE").status()).isEmpty();
        assertThat(out.alarms()).extracting(a -> a.text() + " " + a.state())
                .containsExactly("SpO2 high limit SILENCED");
    }

    @Test
    void unknownAlarmBitsAreNamed() {
        RecordingOutput out = decode("C080", "000000");
        assertThat(out.alarms()).extracting(a -> a.code() + " " + a.text())
                .containsExactly("masimo:C080 unknown alarm bits C080");
        assertThat(out.observations()).allMatch(o -> o.status().isEmpty());
    }

    @ParameterizedTest
    @EnumSource(ExceptionBit.class)
    void eachExceptionBitFlagsTheReadingsItConcerns(ExceptionBit bit) {
        RecordingOutput out = decode("0000", String.format("%06X", bit.mask()));

        assertThat(out.events()).isEmpty();
        for (Observation o : out.observations()) {
            MasimoParameter parameter = parameterOf(o);
            Set<StatusFlag> expected = bit.concerns(parameter) ? EnumSet.of(bit.flag()) : EnumSet.noneOf(StatusFlag.class);
            assertThat(o.status()).as("%s on %s", bit, parameter).isEqualTo(expected);
            // a calibrating sensor gives statuses only, never numbers
            assertThat(o.value() == null).as("%s on %s has no number", bit, parameter)
                    .isEqualTo(expected.contains(StatusFlag.CALIBRATING));
        }
    }

    @Test
    void theExceptionTableMatchesTheSpecLines() {
        // device-protocols.md: "EXC bits: 0x01 no sensor, 0x04 low perfusion, 0x08 pulse search,
        //   0x20 sensor off, 0x400 low signal IQ, 0x800 Masimo SET"
        assertThat(ExceptionBit.NO_SENSOR.mask()).isEqualTo(0x01);
        assertThat(ExceptionBit.LOW_PERFUSION.mask()).isEqualTo(0x04);
        assertThat(ExceptionBit.PULSE_SEARCH.mask()).isEqualTo(0x08);
        assertThat(ExceptionBit.SENSOR_OFF.mask()).isEqualTo(0x20);
        assertThat(ExceptionBit.LOW_SIGNAL_IQ.mask()).isEqualTo(0x400);
        assertThat(ExceptionBit.MASIMO_SET.mask()).isEqualTo(0x800);
        // device-protocols.md: "ALARM bits (hex): 0x01/0x02 SpO2 high/low, 0x04/0x08 pulse high/low,
        //   0x10 alarm active, 0x20 silenced, 0x40 low battery"
        assertThat(AlarmBit.SPO2_HIGH.mask()).isEqualTo(0x01);
        assertThat(AlarmBit.SPO2_LOW.mask()).isEqualTo(0x02);
        assertThat(AlarmBit.PULSE_HIGH.mask()).isEqualTo(0x04);
        assertThat(AlarmBit.PULSE_LOW.mask()).isEqualTo(0x08);
        assertThat(AlarmBit.ACTIVE.mask()).isEqualTo(0x10);
        assertThat(AlarmBit.SILENCED.mask()).isEqualTo(0x20);
        assertThat(AlarmBit.LOW_BATTERY.mask()).isEqualTo(0x40);
    }

    @Test
    void severalExceptionBitsAddUp() {
        RecordingOutput out = decode("0000", "200415");
        assertThat(out.observation("MDC_CONC_HB_CO_GEN").status()).containsExactlyInAnyOrder(
                StatusFlag.SENSOR_PROBLEM, StatusFlag.LOW_PERFUSION, StatusFlag.ARTIFACT, StatusFlag.QUESTIONABLE);
        assertThat(out.observation("MDC_PULS_OXIM_SAT_O2").status()).containsExactlyInAnyOrder(
                StatusFlag.SENSOR_PROBLEM, StatusFlag.LOW_PERFUSION, StatusFlag.ARTIFACT, StatusFlag.QUESTIONABLE);
        RecordingOutput quiet = decode("0000", "200000");
        assertThat(quiet.observation("MDC_CONC_HB_CO_GEN").status()).containsExactly(StatusFlag.QUESTIONABLE);
        assertThat(quiet.observation("MDC_PULS_OXIM_SAT_O2").status()).isEmpty();
    }

    private static MasimoParameter parameterOf(Observation o) {
        for (MasimoParameter parameter : MasimoParameter.values()) {
            if (parameter.metric().equals(o.metric())) {
                return parameter;
            }
        }
        throw new AssertionError("unknown metric " + o.metric());
    }
}
