package io.wardgate.driver.nonin;

import static io.wardgate.driver.nonin.NoninBytes.concat;
import static io.wardgate.driver.nonin.NoninBytes.df8;
import static io.wardgate.driver.nonin.NoninBytes.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.Decimal;
import io.wardgate.api.Observation;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.VitalSign;
import io.wardgate.api.driver.Decoded;
import io.wardgate.api.driver.ProtocolSession;
import io.wardgate.sim.Discovered;
import io.wardgate.sim.RecordingOutput;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Df8Test {
    private static final Instant T0 = Instant.parse("2026-01-01T08:00:00Z");

    private final Df8 df8 = new Df8();
    private final RecordingOutput out = new RecordingOutput();

    @Test
    void derivedVectorIsPulseRate72AndSpo298() {
        // device-protocols.md line 93: "Vector (derived): HR 72, SpO2 98 -> `80 48 62 00`."
        byte[] frame = hex("80 48 62 00");
        assertThat(df8.frameProblem(frame, 0)).isNull();

        df8.frame(0, frame, T0, out);

        assertThat(out.observations(VitalSign.PULSE_RATE)).singleElement().satisfies(o -> {
            assertThat(o.value()).isEqualTo(Decimal.ofInteger(72));
            assertThat(o.unit().ucum()).isEqualTo("/min");
            assertThat(o.status()).isEmpty();
            assertThat(o.receivedAt()).isEqualTo(T0);
        });
        assertThat(out.observations(VitalSign.SPO2)).singleElement().satisfies(o -> {
            assertThat(o.value()).isEqualTo(Decimal.ofInteger(98));
            assertThat(o.unit().ucum()).isEqualTo("%");
        });
    }

    @Test
    void pulseRateUsesNineBits() {
        // device-protocols.md line 91-92: "bits1-0 = HR bits 8-7; byte1: HR bits 6-0"
        df8.frame(0, df8(0, 300, 95, 0), T0, out);
        df8.frame(4, hex("82 2C 5F 00"), T0, out);

        assertThat(out.observations(VitalSign.PULSE_RATE)).extracting(Observation::value)
                .containsExactly(Decimal.ofInteger(300), Decimal.ofInteger(300));
    }

    @ParameterizedTest
    @CsvSource({
            // status byte bit (device-protocols.md line 91: "SNSD 0x40, OOT 0x20, LPRF 0x10, MPRF 0x08, ARTF 0x04")
            "0x40, 0x00, SENSOR_PROBLEM",
            "0x20, 0x00, ARTIFACT QUESTIONABLE",
            "0x10, 0x00, LOW_PERFUSION",
            "0x08, 0x00, LOW_PERFUSION",
            "0x04, 0x00, ARTIFACT",
            // STATUS2 bit 3, SNSA (9560 specification, DF8 byte 4)
            "0x00, 0x08, SENSOR_PROBLEM",
    })
    void statusBitsBecomeFlags(String status, String status2, String flags) {
        df8.frame(0, df8(Integer.decode(status), 72, 98, Integer.decode(status2)), T0, out);

        Set<StatusFlag> expected = java.util.Arrays.stream(flags.split(" ")).map(StatusFlag::valueOf)
                .collect(java.util.stream.Collectors.toSet());
        assertThat(out.observations(VitalSign.PULSE_RATE)).singleElement()
                .satisfies(o -> assertThat(o.status()).isEqualTo(expected));
        assertThat(out.observations(VitalSign.SPO2)).singleElement()
                .satisfies(o -> assertThat(o.status()).isEqualTo(expected));
    }

    @Test
    void missingValuesAreUnavailableStatusesNotNumbers() {
        // device-protocols.md line 93: "Missing: HR 511, SpO2 127."
        byte[] frame = df8(0x40, 511, 127, 0x08);
        assertThat(frame).isEqualTo(hex("C3 7F 7F 08"));

        df8.frame(0, frame, T0, out);

        assertThat(out.observations(VitalSign.PULSE_RATE)).singleElement().satisfies(o -> {
            assertThat(o.value()).isNull();
            assertThat(o.status()).contains(StatusFlag.UNAVAILABLE, StatusFlag.SENSOR_PROBLEM);
        });
        assertThat(out.observations(VitalSign.SPO2)).singleElement().satisfies(o -> {
            assertThat(o.value()).isNull();
            assertThat(o.status()).contains(StatusFlag.UNAVAILABLE);
        });
    }

    @Test
    void valuesOutsideTheDeviceRangeAreNotFrames() {
        assertThat(df8.frameProblem(df8(0, 322, 98, 0), 0)).contains("pulse rate 322");
        assertThat(df8.frameProblem(df8(0, 72, 101, 0), 0)).contains("SpO2 101");
        assertThat(df8.frameProblem(hex("80 C8 62 00"), 0)).contains("bit 7 set");
        assertThat(df8.frameProblem(hex("00 48 62 00"), 0)).contains("bit 7 clear");
        assertThat(df8.frameProblem(df8(0, 0, 0, 0), 0)).isNull();
        assertThat(df8.frameProblem(df8(0, 321, 100, 0), 0)).isNull();
    }

    @Test
    void lowBatteryIsRaisedOnceWhenItComesOnAndEndedWhenItGoes() {
        df8.frame(0, df8(0, 72, 98, 0x01), T0, out);
        df8.frame(4, df8(0, 72, 98, 0x01), T0, out);
        df8.frame(8, df8(0, 72, 98, 0x00), T0, out);
        df8.frame(12, df8(0, 72, 98, 0x01), T0, out);

        assertThat(out.items()).filteredOn(Decoded.AlarmDecoded.class::isInstance).extracting(Decoded::offset)
                .containsExactly(0L, 8L, 12L);
        assertThat(out.alarms()).extracting(a -> a.code() + " " + a.state() + " " + a.priority()).containsExactly(
                "nonin:battery-low ACTIVE LOW", "nonin:battery-low ENDED LOW", "nonin:battery-low ACTIVE LOW");
        assertThat(out.events()).isEmpty();
    }

    @Test
    void sessionDecodesAStreamFedOneByteAtATime() {
        ProtocolSession session = Discovered.serialDriver("nonin-df8").orElseThrow().openSession();
        byte[] stream = concat(hex("06"), df8(0, 72, 98, 0), df8(0, 73, 97, 0), df8(0, 74, 96, 0), df8(0, 75, 96, 0));

        session.start(T0, out);
        for (int i = 0; i < stream.length; i++) {
            session.receive(stream, i, 1, T0.plusMillis(i), out);
        }

        assertThat(out.errors()).isEmpty();
        assertThat(out.observations(VitalSign.PULSE_RATE)).extracting(o -> o.value().mantissa())
                .containsExactly(72L, 73L, 74L, 75L);
        // A run of four frames at the boundary confirms it (no timing in this stream): clean readings.
        assertThat(out.observations(VitalSign.PULSE_RATE)).allMatch(o -> o.status().isEmpty());
        assertThat(out.readings()).extracting(Decoded::offset).containsExactly(1L, 1L, 5L, 5L, 9L, 9L, 13L, 13L);
    }

    @Test
    void garbageIsReportedWithItsOffsetAndTheNextFramesStillDecode() {
        ProtocolSession session = new NoninDrivers.Df8Driver().openSession();
        byte[] garbage = hex("FF FF 01 02 C5 90 90 11");
        byte[] stream = concat(df8(0, 72, 98, 0), df8(0, 72, 98, 0), garbage, df8(0, 80, 95, 0),
                df8(0, 81, 95, 0));

        session.start(T0, out);
        session.receive(stream, 0, stream.length, T0, out);
        session.tick(T0.plus(NoninSession.QUIET), out);

        assertThat(out.errors()).singleElement().satisfies(e -> {
            assertThat(e.offset()).isEqualTo(8);
            assertThat(e.reason()).startsWith("skipped 8 bytes");
        });
        assertThat(out.observations(VitalSign.PULSE_RATE)).extracting(o -> o.value().mantissa())
                .containsExactly(72L, 72L, 80L, 81L);
        // No run of three frames and no quiet line around them: the boundary is not confirmed (DF8 has no checksum).
        assertThat(out.observations(VitalSign.PULSE_RATE)).allMatch(o -> o.status().contains(StatusFlag.QUESTIONABLE));
        assertThat(out.readings()).extracting(Decoded::offset).contains(16L, 20L);
    }

    @Test
    void aLoneFrameIsDecodedOnceTheNextFrameKeepsTheCadenceAndATruncatedOneIsReported() {
        ProtocolSession session = new NoninDrivers.Df8Driver().openSession();
        byte[] stream = concat(df8(0, 72, 98, 0), df8(0, 73, 97, 0), hex("80 48"));

        session.start(T0, out);
        session.receive(stream, 0, 4, T0, out);
        assertThat(out.readings()).as("one frame alone is not yet trusted").isEmpty();
        session.tick(T0.plus(NoninSession.QUIET), out);
        assertThat(out.readings()).as("alone between quiet periods: waits for the next frame").isEmpty();

        session.receive(stream, 4, 4, T0.plusSeconds(1), out);
        session.tick(T0.plusSeconds(1).plus(NoninSession.QUIET), out);
        assertThat(out.observations(VitalSign.SPO2)).singleElement().satisfies(o -> {
            assertThat(o.value()).isEqualTo(Decimal.ofInteger(98));
            assertThat(o.status()).isEmpty();
            assertThat(o.receivedAt()).isEqualTo(T0.plus(NoninSession.QUIET)); // confirmed by silence, then held
        });

        session.receive(stream, 8, 2, T0.plusSeconds(2), out);
        session.tick(T0.plusSeconds(3), out);
        assertThat(out.observations(VitalSign.SPO2)).extracting(o -> o.value().mantissa()).containsExactly(98L, 97L);
        // Bytes that are no frame followed it: its cadence is not confirmed.
        assertThat(out.observations(VitalSign.SPO2).get(1).status()).containsExactly(StatusFlag.QUESTIONABLE);
        assertThat(out.errors()).singleElement().satisfies(e -> {
            assertThat(e.offset()).isEqualTo(8);
            assertThat(e.reason()).contains("incomplete frame");
        });
    }

    @Test
    void aFrameTooCloseToItsNeighboursIsQuestionable() {
        // Four bytes of noise that pass the frame check, 0.3 s after a real frame, alone between quiet lines.
        ProtocolSession session = new NoninDrivers.Df8Driver().openSession();
        session.start(T0, out);
        session.receive(df8(0, 72, 98, 0), 0, 4, T0, out);
        session.tick(T0.plus(NoninSession.QUIET), out);
        session.receive(hex("81 60 32 00"), 0, 4, T0.plusMillis(600), out);
        session.tick(T0.plusMillis(1100), out);
        session.receive(df8(0, 74, 96, 0), 0, 4, T0.plusSeconds(2), out);
        session.tick(T0.plusSeconds(2).plus(NoninSession.QUIET), out);

        assertThat(out.observations(VitalSign.PULSE_RATE)).extracting(o -> o.value().mantissa(),
                o -> o.status().contains(StatusFlag.QUESTIONABLE))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(72L, true), org.assertj.core.groups.Tuple.tuple(224L, true));
    }

    @Test
    void sessionStartsBySelectingDataFormat8() {
        ProtocolSession session = new NoninDrivers.Df8Driver().openSession();
        session.start(T0, out);
        // device-protocols.md line 90: "DF8: `02 70 02 02 08 03`"
        assertThat(out.sent()).singleElement().isEqualTo(hex("02 70 02 02 08 03"));
        session.tick(T0.plus(Duration.ofMillis(1999)), out);
        assertThat(out.sent()).hasSize(1);
    }
}
