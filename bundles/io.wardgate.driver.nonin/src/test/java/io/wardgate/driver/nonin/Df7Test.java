package io.wardgate.driver.nonin;

import static io.wardgate.driver.nonin.NoninBytes.concat;
import static io.wardgate.driver.nonin.NoninBytes.df7Frame;
import static io.wardgate.driver.nonin.NoninBytes.df7Packet;
import static io.wardgate.driver.nonin.NoninBytes.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.Decimal;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.Unit;
import io.wardgate.api.VitalSign;
import io.wardgate.api.WaveformSegment;
import io.wardgate.api.driver.Decoded;
import io.wardgate.api.driver.ProtocolSession;
import io.wardgate.sim.Discovered;
import io.wardgate.sim.RecordingOutput;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class Df7Test {
    private static final Instant T0 = Instant.parse("2026-01-01T08:00:00Z");

    private final RecordingOutput out = new RecordingOutput();

    @Test
    void derivedVectorIsAGoodFrameWithPleth0x1234() {
        // device-protocols.md line 97: "Vector (derived): `81 12 34 00 C7`." (line 94: CHK = sum of the first 4 bytes mod 256)
        byte[] frame = hex("81 12 34 00 C7");
        Df7 df7 = new Df7();
        assertThat(df7.frameProblem(frame, 0)).isNull();
        assertThat(frame).isEqualTo(df7Frame(0x81, 0x1234, 0));

        df7.frame(0, frame, T0, out);
        df7.flush(T0, out);

        assertThat(out.waves()).singleElement().satisfies(w -> {
            assertThat(w.samples()).containsExactly(0x1234);
            assertThat(w.metric().referenceId()).isEqualTo("MDC_PULS_OXIM_PLETH");
            assertThat(w.metric().mdcCode()).isEqualTo(150452);
        });
        assertThat(out.observations(VitalSign.PULSE_RATE)).as("HR needs frames 1 and 2").isEmpty();
    }

    @Test
    void framesThatDoNotAddUpAreRejected() {
        Df7 df7 = new Df7();
        assertThat(df7.frameProblem(hex("81 12 34 00 C8"), 0)).contains("checksum");
        assertThat(df7.frameProblem(hex("01 12 34 00 47"), 0)).contains("bit 7 clear");
        assertThat(df7.frameProblem(hex("81 12 34 80 47"), 0)).contains("FLOAT");
    }

    @Test
    void aPacketIsAPlethSegmentAt75HzPlusPulseRateAndSpo2() {
        ProtocolSession session = Discovered.serialDriver("nonin-df7").orElseThrow().openSession();
        byte[] stream = concat(hex("06"), df7Packet(0x02, 1000, 72, 98, 0), df7Packet(0x02, 2000, 300, 97, 0));
        Instant end = T0.plusSeconds(1);

        session.start(T0, out);
        session.receive(stream, 0, stream.length, end, out);

        assertThat(out.errors()).isEmpty();
        assertThat(out.waves()).hasSize(2).first().satisfies(w -> {
            assertThat(w.sampleCount()).isEqualTo(25);
            assertThat(w.sample(0)).isEqualTo(1000);
            assertThat(w.sample(24)).isEqualTo(1024);
            // device-protocols.md line 95: "25 frames per packet, 3 packets/s (75 Hz pleth)"
            assertThat(w.samplePeriod()).isEqualTo(Duration.ofNanos(13_333_333));
            assertThat(w.start()).isEqualTo(end.minus(Duration.ofNanos(13_333_333L * 24)));
            assertThat(w.receivedAt()).isEqualTo(end);
            assertThat(w.unit()).isEqualTo(Unit.DIMENSIONLESS);
            assertThat(w.status()).isEmpty();
        });
        // device-protocols.md line 95-96: "HR MSB/LSB in frames 0/1, SpO2 in frame 2"
        assertThat(out.observations(VitalSign.PULSE_RATE)).extracting(o -> o.value())
                .containsExactly(Decimal.ofInteger(72), Decimal.ofInteger(300));
        assertThat(out.observations(VitalSign.SPO2)).extracting(o -> o.value())
                .containsExactly(Decimal.ofInteger(98), Decimal.ofInteger(97));
        // Offsets: the wave and HR at the packet's first frame, SpO2 at its third (frame = 5 bytes).
        assertThat(out.items()).extracting(Decoded::offset).containsExactly(1L, 1L, 11L, 126L, 126L, 136L);
    }

    @Test
    void oneByteAtATimeAndOddSplitsDecodeTheSame() {
        byte[] stream = concat(hex("06"), df7Packet(0, 500, 72, 98, 0), df7Packet(0x20, 600, 73, 98, 1),
                df7Packet(0, 700, 74, 99, 0));
        RecordingOutput whole = feed(stream, new int[] {stream.length});
        RecordingOutput single = feed(stream, IntStream.generate(() -> 1).limit(stream.length).toArray());
        Random random = new Random(7);
        RecordingOutput odd = feed(stream, IntStream.generate(() -> 1 + random.nextInt(13)).limit(stream.length).toArray());

        // 3 packets x (wave, HR, SpO2), low battery raised in the second and ended in the third.
        assertThat(whole.items()).hasSize(11);
        assertThat(whole.alarms()).extracting(a -> a.state().name()).containsExactly("ACTIVE", "ENDED");
        assertThat(NoninBytes.summary(single)).isEqualTo(NoninBytes.summary(whole));
        assertThat(NoninBytes.summary(odd)).isEqualTo(NoninBytes.summary(whole));
    }

    @Test
    void badChecksumIsReportedThenTheDecoderResynchronises() {
        byte[] packet = df7Packet(0, 1000, 72, 98, 0);
        byte[] damaged = packet.clone();
        damaged[5 * 10 + 4] ^= 0x01; // CHK of frame 11
        byte[] stream = concat(damaged, df7Packet(0, 3000, 80, 95, 0), df7Packet(0, 4000, 81, 94, 0));

        ProtocolSession session = new NoninDrivers.Df7Driver().openSession();
        session.start(T0, out);
        session.receive(stream, 0, stream.length, T0, out);

        assertThat(out.errors()).singleElement().satisfies(e -> {
            assertThat(e.offset()).isEqualTo(50);
            assertThat(e.reason()).contains("checksum mismatch");
        });
        // The damaged packet's first 10 frames still give their samples and values.
        assertThat(out.waves()).extracting(WaveformSegment::sampleCount).startsWith(10);
        assertThat(out.observations(VitalSign.PULSE_RATE)).extracting(o -> o.value().mantissa())
                .containsExactly(72L, 80L, 81L);
        assertThat(out.waves()).last().satisfies(w -> assertThat(w.sample(0)).isEqualTo(4000));
        assertThat(out.items()).extracting(Decoded::offset).isSorted();
    }

    @Test
    void missingValuesAndSensorAlarmAreStatuses() {
        // 9560 specification: "For missing data, the HR equals 511 and the SpO2 equals 127"; SNSA bit 3.
        byte[] stream = concat(df7Packet(0x08, 0, 511, 127, 0), df7Packet(0x08, 0, 511, 127, 0));
        ProtocolSession session = new NoninDrivers.Df7Driver().openSession();
        session.start(T0, out);
        session.receive(stream, 0, stream.length, T0, out);

        assertThat(out.observations(VitalSign.PULSE_RATE)).hasSize(2).allSatisfy(o -> {
            assertThat(o.value()).isNull();
            assertThat(o.status()).containsExactlyInAnyOrder(StatusFlag.UNAVAILABLE, StatusFlag.SENSOR_PROBLEM);
        });
        assertThat(out.observations(VitalSign.SPO2)).allSatisfy(o -> assertThat(o.value()).isNull());
        assertThat(out.waves()).allSatisfy(w -> assertThat(w.status()).contains(StatusFlag.SENSOR_PROBLEM));
    }

    @Test
    void statusBitsOfEveryFrameReachThePacketsReadings() {
        Df7 df7 = new Df7();
        // ARTF 0x20 on frame 5 only; red perfusion (RPRF 0x04 without GPRF) on frame 9.
        byte[] packet = df7Packet(0, 0, 72, 98, 0);
        packet[5 * 4] = (byte) 0xA0;
        packet[5 * 4 + 4] = (byte) (packet[5 * 4 + 4] + 0x20);
        packet[5 * 8] = (byte) 0x84;
        packet[5 * 8 + 4] = (byte) (packet[5 * 8 + 4] + 0x04);
        for (int i = 0; i < 25; i++) {
            assertThat(df7.frameProblem(packet, 5 * i)).isNull();
            df7.frame(5L * i, java.util.Arrays.copyOfRange(packet, 5 * i, 5 * i + 5), T0, out);
        }

        assertThat(out.observations(VitalSign.SPO2)).singleElement().satisfies(
                o -> assertThat(o.status()).containsExactlyInAnyOrder(StatusFlag.ARTIFACT, StatusFlag.LOW_PERFUSION));
    }

    @Test
    void valueOutOfRangeWithAGoodChecksumIsInvalidNotANumber() {
        byte[] stream = concat(df7Packet(0, 0, 400, 120, 0), df7Packet(0, 0, 72, 98, 0));
        ProtocolSession session = new NoninDrivers.Df7Driver().openSession();
        session.start(T0, out);
        session.receive(stream, 0, stream.length, T0, out);

        assertThat(out.observations(VitalSign.PULSE_RATE)).first().satisfies(o -> {
            assertThat(o.value()).isNull();
            assertThat(o.status()).contains(StatusFlag.INVALID);
        });
        assertThat(out.observations(VitalSign.SPO2)).first().satisfies(o -> assertThat(o.value()).isNull());
    }

    @Test
    void startingMidPacketGivesSamplesOnlyUntilTheNextSync() {
        byte[] packet = df7Packet(0, 100, 72, 98, 0);
        byte[] stream = concat(java.util.Arrays.copyOfRange(packet, 5 * 20, packet.length), df7Packet(0, 200, 75, 97, 0));
        ProtocolSession session = new NoninDrivers.Df7Driver().openSession();
        session.start(T0, out);
        session.receive(stream, 0, stream.length, T0, out);

        assertThat(out.errors()).isEmpty();
        assertThat(out.waves()).extracting(WaveformSegment::sampleCount).containsExactly(5, 25);
        assertThat(out.observations(VitalSign.PULSE_RATE)).extracting(o -> o.value().mantissa()).containsExactly(75L);
    }

    @Test
    void aPacketCutShortBySyncIsReported() {
        byte[] packet = df7Packet(0, 100, 72, 98, 0);
        byte[] stream = concat(packet, java.util.Arrays.copyOf(packet, 5 * 12), packet);
        ProtocolSession session = new NoninDrivers.Df7Driver().openSession();
        session.start(T0, out);
        session.receive(stream, 0, stream.length, T0, out);

        assertThat(out.errors()).singleElement().satisfies(e -> {
            assertThat(e.offset()).isEqualTo(125 + 60);
            assertThat(e.reason()).contains("SYNC after 12 of 25");
        });
        assertThat(out.observations(VitalSign.PULSE_RATE)).hasSize(3);
        assertThat(out.items()).extracting(Decoded::offset).isSorted();
    }

    @Test
    void lowBatteryInStatus2IsOneAlarm() {
        byte[] stream = concat(df7Packet(0, 0, 72, 98, 0x01), df7Packet(0, 0, 72, 98, 0x01));
        ProtocolSession session = new NoninDrivers.Df7Driver().openSession();
        session.start(T0, out);
        session.receive(stream, 0, stream.length, T0, out);

        assertThat(out.items()).filteredOn(Decoded.AlarmDecoded.class::isInstance).singleElement()
                .satisfies(e -> assertThat(e.offset()).isEqualTo(35));
        assertThat(out.alarms()).singleElement().satisfies(a -> assertThat(a.code()).isEqualTo(BatteryWatch.CODE));
    }

    @Test
    void sessionSelectsDataFormat7() {
        ProtocolSession session = new NoninDrivers.Df7Driver().openSession();
        session.start(T0, out);
        // device-protocols.md line 90: "Select format: `02 70 02 02 <fmt> 03`"
        assertThat(out.sent()).singleElement().isEqualTo(hex("02 70 02 02 07 03"));
    }

    private static RecordingOutput feed(byte[] stream, int[] chunks) {
        RecordingOutput recorder = new RecordingOutput();
        ProtocolSession session = new NoninDrivers.Df7Driver().openSession();
        session.start(T0, recorder);
        int at = 0;
        for (int chunk : chunks) {
            int length = Math.min(chunk, stream.length - at);
            session.receive(stream, at, length, T0, recorder);
            at += length;
            if (at == stream.length) {
                break;
            }
        }
        return recorder;
    }
}
