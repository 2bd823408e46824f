package io.wardgate.driver.datex;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.StatusFlag;
import io.wardgate.api.WaveformSegment;
import io.wardgate.api.driver.Decoded;
import io.wardgate.sim.RecordingOutput;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dialogue (M1017617 chapters 3-5; device-protocols.md lines 54-58) and what the session emits. */
class DatexSessionTest {
    private static final Instant T0 = Instant.parse("2026-03-04T05:06:00Z");
    private final DatexSession session = new DatexSession();
    private final RecordingOutput out = new RecordingOutput();

    private void receive(byte[] bytes, Instant now) {
        session.receive(bytes, 0, bytes.length, now, out);
    }

    private static int levelOf(byte[] frame) {
        return frame[4] & 0xFF;
    }

    @Test
    void requestsDisplayedValuesLevelByLevelUntilTheMonitorAnswers() {
        session.start(T0, out);
        for (int s = 1; s <= 30; s++) {
            session.tick(T0.plusSeconds(s), out);
        }
        assertThat(out.sent()).extracting(DatexSessionTest::levelOf)
                .containsExactly(0x0B, 0x0A, 0x09, 0x08, 0x07, 0x06, 0x0B);
        assertThat(out.sent()).allSatisfy(frame -> {
            assertThat(frame[15]).as("main type PHDB").isZero();
            assertThat(frame[41]).as("displayed values").isEqualTo((byte) 1);
            assertThat(frame[42]).as("every 10 s").isEqualTo((byte) 10);
        });
    }

    @Test
    void theFirstAnswerFixesTheLevelAndAsksForTrendsWavesAndAlarms() {
        session.start(T0, out);
        out.clear();
        receive(DatexFrames.frame(Records.displayed(Records.adult())), T0.plusSeconds(1));
        assertThat(out.sent()).hasSize(3).allSatisfy(frame -> assertThat(levelOf(frame)).isEqualTo(0x0A));
        assertThat(out.sent().get(0)[41]).as("10 s trend").isEqualTo((byte) 2);
        assertThat(out.sent().get(1)[15]).as("waveform request").isEqualTo((byte) 1);
        assertThat(java.util.Arrays.copyOfRange(out.sent().get(1), 45, 50)).as("ECG1, INVP1, PLETH, CO2, end")
                .containsExactly(1, 4, 8, 9, 0xFF);
        assertThat(out.sent().get(2)[15]).as("alarm request").isEqualTo((byte) 4);
        assertThat(out.sent().get(2)[41]).as("enter differential mode").isEqualTo((byte) 2);
        assertThat(out.items().get(0)).isInstanceOf(Decoded.IdentityDecoded.class);
        assertThat(out.observations()).hasSize(13).allSatisfy(o -> assertThat(o.status()).isEmpty());
    }

    @Test
    void wavesAreRequestedAgainWhenTheyStopAndEverythingWhenDataStops() {
        session.start(T0, out);
        receive(DatexFrames.frame(Records.displayed(Records.adult())), T0);
        out.clear();
        session.tick(T0.plusSeconds(6), out);
        assertThat(out.sent()).singleElement().satisfies(f -> assertThat(f[15]).isEqualTo((byte) 1));
        out.clear();
        session.tick(T0.plusSeconds(31), out);
        assertThat(out.sent()).singleElement().satisfies(f -> assertThat(f[41]).isEqualTo((byte) 1));
    }

    /** Issue #17 item 4: the first record after a resynchronisation is QUESTIONABLE, the next one is not. */
    @Test
    void theFirstRecordAfterNoiseIsQuestionable() {
        session.start(T0, out);
        receive(new byte[] {0x12, 0x34, 0x7E, 0x56}, T0);
        receive(DatexFrames.frame(Records.displayed(Records.adult())), T0);
        assertThat(out.errors()).isNotEmpty();
        assertThat(out.observations()).hasSize(13).allSatisfy(o -> assertThat(o.status()).contains(StatusFlag.QUESTIONABLE));
        out.clear();
        receive(DatexFrames.frame(Records.displayed(Records.adult())), T0);
        assertThat(out.observations()).hasSize(13).allSatisfy(o -> assertThat(o.status()).isEmpty());
    }

    @Test
    void aRecordWhoseLengthFieldLiesIsAFramingError() {
        session.start(T0, out);
        byte[] record = Records.displayed(Records.adult());
        record[0]++;
        receive(DatexFrames.frame(record), T0);
        assertThat(out.observations()).isEmpty();
        assertThat(out.errors()).singleElement().extracting(Decoded.FramingError::reason).asString().startsWith("r_len says");
    }

    @Test
    void alarmsAreReportedWhenTheyStartChangeAndEnd() {
        session.start(T0, out);
        receive(DatexFrames.frame(alarmRecord(0, "HR HIGH", 3, "SpO2 LOW", 2)), T0);
        assertThat(out.alarms()).extracting(a -> a.priority() + " " + a.state() + " " + a.text()).containsExactly(
                "HIGH ACTIVE HR HIGH", "MEDIUM ACTIVE SpO2 LOW");
        assertThat(out.alarms()).allSatisfy(a -> {
            assertThat(a.code()).isEmpty();
            assertThat(a.source()).isNull();
            assertThat(a.gatewayTime()).isEqualTo(T0);
        });
        out.clear();
        receive(DatexFrames.frame(alarmRecord(4, "HR HIGH", 3)), T0);
        assertThat(out.alarms()).extracting(a -> a.priority() + " " + a.state() + " " + a.text()).containsExactly(
                "HIGH SILENCED HR HIGH", "MEDIUM ENDED SpO2 LOW");
        out.clear();
        receive(DatexFrames.frame(alarmRecord(4, "HR HIGH", 3)), T0);
        assertThat(out.events()).isEmpty();
        assertThat(out.alarms()).as("no change, no alarm").isEmpty();
    }

    @Test
    void silenceInfoFollowsTable42PartialSilencesLeaveAlarmsActive() {
        // 8005313 table 4-2: 0 none, 1 apnea, 2 asystole, 3 apnea and asystole, 4 all, 5 all for 2 min,
        // 6 all for 5 min, 7 all for 20 s. Which box is the apnea or asystole alarm only its text says, in
        // the monitor's language (table 4-3 warns): partial silences (1..3) are not applied.
        int[] silence = {0, 1, 2, 3, 4, 5, 6, 7};
        String[] expected = {"ACTIVE", "ACTIVE", "ACTIVE", "ACTIVE", "SILENCED", "SILENCED", "SILENCED", "SILENCED"};
        for (int i = 0; i < silence.length; i++) {
            DatexSession fresh = new DatexSession();
            RecordingOutput recorded = new RecordingOutput();
            fresh.start(T0, recorded);
            byte[] frame = DatexFrames.frame(alarmRecord(silence[i], "APNEA", 3));
            fresh.receive(frame, 0, frame.length, T0, recorded);
            assertThat(recorded.alarms()).as("silence_info %d", silence[i]).singleElement()
                    .extracting(a -> a.state().name()).isEqualTo(expected[i]);
        }
    }

    @Test
    void waveSubrecordsBecomeSegmentsSplitAtControlCodes() {
        session.start(T0, out);
        Instant now = T0.plusSeconds(2);
        short[] ecg = new short[60];
        for (int i = 0; i < ecg.length; i++) {
            ecg[i] = (short) (i * 10);
        }
        ecg[30] = -32767;
        receive(DatexFrames.frame(Records.record(DatexRecord.MAIN_WAVE, new int[] {1, 9, 77}, wave(ecg, 0),
                wave(new short[] {100, 200, 300, 400, 500}, 0), wave(new short[] {1}, 0))), now);
        List<WaveformSegment> segments = out.waves();
        assertThat(segments).hasSize(3);
        WaveformSegment first = segments.get(0);
        assertThat(first.metric().referenceId()).isEqualTo("MDC_ECG_ELEC_POTL");
        assertThat(first.unit().ucum()).isEqualTo("uV");
        assertThat(first.sampleCount()).isEqualTo(30);
        assertThat(first.samplePeriod()).isEqualTo(Duration.ofNanos(3_333_333));
        assertThat(segments.get(1).sampleCount()).isEqualTo(29);
        assertThat(segments.get(1).start()).isEqualTo(now.minus(Duration.ofNanos(3_333_333).multipliedBy(28)));
        assertThat(segments.get(2).metric().referenceId()).isEqualTo("MDC_AWAY_CO2");
        assertThat(segments.get(2).samplePeriod()).isEqualTo(Duration.ofMillis(40));
        assertThat(segments.get(2).scale().physical(500)).isEqualByComparingTo("5");
        assertThat(out.errors()).isEmpty();
    }

    @Test
    void aWaveCountPastItsSubrecordIsAnErrorNotAnAllocation() {
        session.start(T0, out);
        byte[] bad = wave(new short[] {1, 2}, 0);
        bad[0] = 0x7F;
        bad[1] = 0x7F;
        receive(DatexFrames.frame(Records.record(DatexRecord.MAIN_WAVE, new int[] {8}, bad)), T0);
        assertThat(out.waves()).isEmpty();
        assertThat(out.errors()).singleElement().extracting(Decoded.FramingError::reason).asString().contains("32639 samples");
    }

    static byte[] wave(short[] samples, int status) {
        ByteBuffer b = ByteBuffer.allocate(6 + 2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) samples.length).putShort((short) status).putShort((short) 0);
        for (short s : samples) {
            b.putShort(s);
        }
        return b.array();
    }

    /** dri_al_msg (8005313 4.2.1): silence_info at 8, five 98-byte boxes from 10 (text 80, changed, color). */
    static byte[] alarmRecord(int silence, Object... textsAndColors) {
        ByteBuffer b = ByteBuffer.allocate(510).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(8, (short) silence);
        for (int i = 0; i < textsAndColors.length / 2; i++) {
            b.put(10 + 98 * i, ((String) textsAndColors[2 * i]).getBytes(StandardCharsets.US_ASCII));
            b.putShort(10 + 98 * i + 82, (short) (int) (Integer) textsAndColors[2 * i + 1]);
        }
        return Records.record(DatexRecord.MAIN_ALARM, new int[] {1}, b.array());
    }
}
