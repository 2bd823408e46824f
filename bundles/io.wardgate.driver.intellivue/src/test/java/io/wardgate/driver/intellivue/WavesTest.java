package io.wardgate.driver.intellivue;

import static io.wardgate.driver.intellivue.IntelliVueIds.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.Decimal;
import io.wardgate.api.Metric;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.Unit;
import io.wardgate.api.WaveScale;
import io.wardgate.api.WaveformSegment;
import io.wardgate.driver.intellivue.sim.MonitorPdus;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Real-time sample arrays to waveform segments (device-protocols.md lines 49-51). */
class WavesTest {
    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private final Waves waves = new Waves();

    private static byte[] reply(int handle, int attributeCount, Consumer<PduWriter> attributes) {
        return MonitorPdus.extendedPollReply(2, false, NOM_MOC_VMO_METRIC_SA_RT, 1, polls -> {
            polls.u16(handle);
            MonitorPdus.attributes(polls, attributeCount, attributes);
        });
    }

    private static void ecgStatics(PduWriter list) {
        MonitorPdus.ava(list, NOM_ATTR_TIME_PD_SAMP, v -> v.u32(16)); // 16 x 125 us = 2 ms: 500 S/s
        MonitorPdus.ava(list, NOM_ATTR_SA_SPECN, v -> v.u16(4).u8(16).u8(14).u16(0));
        MonitorPdus.ava(list, NOM_ATTR_SCALE_SPECN_I16, v -> v.u32(MonitorPdus.floatType(-4096, -2) & 0xFFFFFFFFL)
                .u32(MonitorPdus.floatType(4095, -2)).u16(0).u16(0x3FFF));
        MonitorPdus.ava(list, NOM_ATTR_UNIT_CODE, v -> v.u16(NOM_DIM_MILLI_VOLT));
    }

    private static void samples(PduWriter list, int physioId, int state, int... values) {
        MonitorPdus.ava(list, NOM_ATTR_SA_VAL_OBS, v -> {
            v.u16(physioId).u16(state).u16(values.length * 2);
            for (int value : values) {
                v.u16(value);
            }
        });
    }

    private Waves.Result decode(byte[] pdu, Instant now) throws MalformedPdu {
        return waves.fromPolls(((Message.PollReply) MessageParser.parse(pdu)).polls(), now);
    }

    @Test
    void ecgLeadTwoWithItsSamplePeriodScaleAndUnit() throws MalformedPdu {
        Waves.Result result = decode(reply(0x10, 5, list -> {
            ecgStatics(list);
            samples(list, NOM_ECG_ELEC_POTL_II, 0, 0x2000, 0xE000 | 0x2001, 0x1FFF, 0x3FFF);
        }), NOW);
        assertThat(result.problems()).isEmpty();
        WaveformSegment ecg = result.segments().get(0);
        assertThat(ecg.metric()).isEqualTo(Metric.mdc(131330, "MDC_ECG_ELEC_POTL_II"));
        assertThat(ecg.unit()).isEqualTo(Unit.MILLIVOLT);
        assertThat(ecg.samplePeriod()).isEqualTo(Duration.ofMillis(2));
        // 14 significant bits: the top two bits of the second sample are masked off
        assertThat(ecg.samples()).containsExactly(0x2000, 0x2001, 0x1FFF, 0x3FFF);
        assertThat(ecg.scale()).isEqualTo(new WaveScale(0, 0x3FFF, Decimal.of(-4096, -2), Decimal.of(4095, -2)));
        assertThat(ecg.start()).isEqualTo(NOW.minusMillis(8));
        assertThat(ecg.receivedAt()).isEqualTo(NOW);
        assertThat(ecg.status()).isEmpty();
    }

    @Test
    void staticAttributesAreRememberedForLaterValuesAndTimeLinesContinue() throws MalformedPdu {
        decode(reply(0x10, 4, WavesTest::ecgStatics), NOW);
        WaveformSegment first = decode(reply(0x10, 1, list -> samples(list, NOM_ECG_ELEC_POTL_II, 0, 1, 2, 3, 4)),
                NOW.plusMillis(8)).segments().get(0);
        // arrives 3 ms late: still continues where the previous segment ended
        WaveformSegment second = decode(reply(0x10, 1, list -> samples(list, NOM_ECG_ELEC_POTL_II, 0, 5, 6)),
                NOW.plusMillis(15)).segments().get(0);
        assertThat(first.samplePeriod()).isEqualTo(Duration.ofMillis(2));
        assertThat(first.start()).isEqualTo(NOW);
        assertThat(second.start()).isEqualTo(NOW.plusMillis(8));
    }

    @Test
    void plethWithoutUnitCodeIsDimensionlessAndCarriesItsState() throws MalformedPdu {
        Waves.Result result = decode(reply(0x20, 2, list -> {
            MonitorPdus.ava(list, NOM_ATTR_TIME_PD_SAMP, v -> v.u32(64)); // 8 ms: 125 S/s
            samples(list, NOM_PLETH, STATE_UNAVAILABLE, 100, 200);
        }), NOW);
        WaveformSegment pleth = result.segments().get(0);
        assertThat(pleth.metric()).isEqualTo(Metric.mdc(150452, "MDC_PULS_OXIM_PLETH"));
        assertThat(pleth.unit()).isEqualTo(Unit.DIMENSIONLESS);
        assertThat(pleth.samplePeriod()).isEqualTo(Duration.ofMillis(8));
        assertThat(pleth.scale()).isEqualTo(WaveScale.IDENTITY);
        assertThat(pleth.status()).containsExactly(StatusFlag.UNAVAILABLE);
    }

    @Test
    void samplesWithoutAKnownSamplePeriodAreReportedNotGuessed() throws MalformedPdu {
        Waves.Result result = decode(reply(0x30, 1, list -> samples(list, NOM_PLETH, 0, 1, 2)), NOW);
        assertThat(result.segments()).isEmpty();
        assertThat(result.problems()).singleElement().asString().contains("wave 0x4BB4: no usable sample period");
        waves.clear();
    }

    @Test
    void wavesObjectCacheIsBounded() throws MalformedPdu {
        for (int handle = 0; handle < Waves.MAX_OBJECTS + 10; handle++) {
            decode(reply(handle, 1, list -> MonitorPdus.ava(list, NOM_ATTR_TIME_PD_SAMP, v -> v.u32(16))), NOW);
        }
        // the least recently used handle 0 was forgotten: its samples now lack a period
        assertThat(decode(reply(0, 1, list -> samples(list, NOM_PLETH, 0, 1)), NOW).problems()).hasSize(1);
        assertThat(decode(reply(Waves.MAX_OBJECTS + 9, 1, list -> samples(list, NOM_PLETH, 0, 1)), NOW).segments()).hasSize(1);
    }
}
