package io.wardgate.driver.nonin.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.DeviceEvent;
import io.wardgate.api.Observation;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.VitalSign;
import io.wardgate.api.WaveformSegment;
import io.wardgate.api.driver.Decoded;
import io.wardgate.sim.Discovered;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoninOximeterTest {
    private static final byte[] SELECT_DF8 = HexFormat.of().parseHex("027002020803");

    @Test
    void answersFormatSelectWithAckAndOtherCommandsWithNak() {
        NoninOximeter device = new NoninOximeter(1);
        List<byte[]> wire = new ArrayList<>();

        // device-protocols.md line 90: "Select format: `02 70 02 02 <fmt> 03`; ACK 0x06, NAK 0x15."
        device.fromHost(SELECT_DF8, InMemoryLink.T0, wire::add);
        device.fromHost(HexFormat.of().parseHex("027002020D03"), InMemoryLink.T0, wire::add);
        device.fromHost(HexFormat.of().parseHex("02720003"), InMemoryLink.T0, wire::add);
        device.fromHost(HexFormat.of().parseHex("0270020208FF"), InMemoryLink.T0, wire::add); // no ETX: ignored
        device.fromHost(HexFormat.of().parseHex("FF027002"), InMemoryLink.T0, wire::add); // split command
        device.fromHost(HexFormat.of().parseHex("020703"), InMemoryLink.T0, wire::add);

        assertThat(wire).extracting(bytes -> bytes[0]).containsExactly((byte) 0x06, (byte) 0x15, (byte) 0x15,
                (byte) 0x06);
        assertThat(device.format()).isEqualTo(7);
    }

    @Test
    void df8SessionGetsBelievableVaryingReadingsOncePerSecond() {
        InMemoryLink link = new InMemoryLink(Discovered.serialDriver("nonin-df8").orElseThrow().openSession(), new NoninOximeter(42));
        link.run(Duration.ofSeconds(60));

        assertThat(link.sentByHost).hasSize(1);
        assertThat(link.errors()).isEmpty();
        List<Observation> spo2 = link.observations(VitalSign.SPO2);
        List<Observation> pulse = link.observations(VitalSign.PULSE_RATE);
        assertThat(spo2).hasSizeBetween(58, 60);
        assertThat(pulse).hasSameSizeAs(spo2);
        assertThat(spo2).allSatisfy(o -> assertThat(o.value().toDouble()).isBetween(88.0, 100.0));
        assertThat(pulse).allSatisfy(o -> assertThat(o.value().toDouble()).isBetween(45.0, 150.0));
        assertThat(pulse.stream().map(Observation::value).distinct().count()).as("pulse rate varies").isGreaterThan(3);
        assertThat(spo2.stream().map(Observation::value).distinct().count()).as("SpO2 varies").isGreaterThan(1);
    }

    @Test
    void df7SessionGets75PlethSamplesAndThreePulseRatesPerSecond() {
        InMemoryLink link = new InMemoryLink(Discovered.serialDriver("nonin-df7").orElseThrow().openSession(), new NoninOximeter(7));
        link.run(Duration.ofSeconds(10));

        assertThat(link.errors()).isEmpty();
        int samples = link.waves().stream().mapToInt(WaveformSegment::sampleCount).sum();
        assertThat(samples).isBetween(74 * 10, 75 * 10);
        assertThat(link.waves()).allSatisfy(w -> assertThat(w.samplePeriod()).isEqualTo(Duration.ofNanos(13_333_333)));
        assertThat(link.observations(VitalSign.PULSE_RATE)).hasSizeBetween(29, 30)
                .allSatisfy(o -> assertThat(o.value().toDouble()).isBetween(45.0, 150.0));
        int[] wave = link.waves().get(5).samples();
        assertThat(java.util.Arrays.stream(wave).max().orElseThrow() - java.util.Arrays.stream(wave).min().orElseThrow())
                .as("the pleth moves").isGreaterThan(1000);
        assertThat(link.waves().stream().anyMatch(w -> w.status().isEmpty())).isTrue();
    }

    @Test
    void sensorOffGivesUnavailableStatusesNotNumbers() {
        NoninOximeter device = new NoninOximeter(3);
        InMemoryLink link = new InMemoryLink(Discovered.serialDriver("nonin-df8").orElseThrow().openSession(), device);
        link.run(Duration.ofSeconds(3));
        device.setMode(NoninOximeter.Mode.SENSOR_OFF);
        link.run(Duration.ofMillis(500)); // the last frame before: DF8 confirms a frame by the next one
        link.clear();
        link.run(Duration.ofSeconds(5));

        assertThat(link.observations(VitalSign.SPO2)).hasSizeGreaterThanOrEqualTo(4).allSatisfy(o -> {
            assertThat(o.value()).isNull();
            assertThat(o.status()).contains(StatusFlag.UNAVAILABLE, StatusFlag.SENSOR_PROBLEM);
        });
        assertThat(link.observations(VitalSign.PULSE_RATE)).allSatisfy(o -> assertThat(o.value()).isNull());
    }

    @Test
    void df7SensorOffIsMissingValuesWithTheSensorAlarm() {
        NoninOximeter device = new NoninOximeter(7, 5);
        device.setMode(NoninOximeter.Mode.SENSOR_OFF);
        InMemoryLink link = new InMemoryLink(Discovered.serialDriver("nonin-df7").orElseThrow().openSession(), device);
        link.run(Duration.ofSeconds(2));

        assertThat(link.observations(VitalSign.SPO2)).hasSizeGreaterThanOrEqualTo(5).allSatisfy(o -> {
            assertThat(o.value()).isNull();
            assertThat(o.status()).contains(StatusFlag.UNAVAILABLE, StatusFlag.SENSOR_PROBLEM);
        });
    }

    @Test
    void garbageGivesFramingErrorsAndTheSessionRecoversAfterwards() {
        NoninOximeter device = new NoninOximeter(11);
        InMemoryLink link = new InMemoryLink(Discovered.serialDriver("nonin-df7").orElseThrow().openSession(), device);
        link.run(Duration.ofSeconds(2));
        device.setMode(NoninOximeter.Mode.GARBAGE);
        link.run(Duration.ofSeconds(2));
        device.setMode(NoninOximeter.Mode.NORMAL);
        link.run(Duration.ofSeconds(1));
        // Skipped bytes are reported as runs, at the latest when the framer locks on again.
        assertThat(link.errors()).isNotEmpty().allSatisfy(e -> assertThat(e.reason()).startsWith("skipped"));
        link.clear();
        link.run(Duration.ofSeconds(2));

        assertThat(link.errors()).isEmpty();
        assertThat(link.observations(VitalSign.SPO2)).hasSizeBetween(5, 6)
                .allSatisfy(o -> assertThat(o.value()).isNotNull());
    }

    @Test
    void aSilentDeviceMakesTheSessionResendTheSelectThenReportSilence() {
        NoninOximeter device = new NoninOximeter(13);
        device.setMode(NoninOximeter.Mode.SILENT);
        InMemoryLink link = new InMemoryLink(Discovered.serialDriver("nonin-df8").orElseThrow().openSession(), device);
        link.run(Duration.ofSeconds(12));

        assertThat(link.sentByHost).hasSize(5).allSatisfy(s -> assertThat(s).isEqualTo(SELECT_DF8));
        assertThat(link.observations(VitalSign.SPO2)).isEmpty();
        assertThat(link.decoded).singleElement().isInstanceOfSatisfying(Decoded.EventDecoded.class,
                e -> assertThat(e.kind()).isEqualTo(DeviceEvent.Kind.SILENT));
        assertThat(device.format()).isZero();
    }

    @Test
    void aDeviceThatWakesUpLateIsSelectedByTheResentCommand() {
        NoninOximeter device = new NoninOximeter(17);
        device.setMode(NoninOximeter.Mode.SILENT);
        InMemoryLink link = new InMemoryLink(Discovered.serialDriver("nonin-df8").orElseThrow().openSession(), device);
        link.run(Duration.ofSeconds(3));
        device.setMode(NoninOximeter.Mode.NORMAL);
        link.run(Duration.ofSeconds(5));

        // Sent at 0 s and 2 s while it slept, answered at 4 s.
        assertThat(link.sentByHost).hasSize(3);
        assertThat(device.format()).isEqualTo(8);
        assertThat(link.observations(VitalSign.SPO2)).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void aDeviceWithAStoredFormatStreamsAtOnce() {
        NoninOximeter device = new NoninOximeter(8, 19);
        List<byte[]> wire = new ArrayList<>();
        device.tick(InMemoryLink.T0, wire::add);
        device.tick(InMemoryLink.T0.plusMillis(999), wire::add);
        device.tick(InMemoryLink.T0.plusMillis(1000), wire::add);

        assertThat(wire).hasSize(2).allSatisfy(frame -> {
            assertThat(frame).hasSize(4);
            assertThat(frame[0] & 0x80).isEqualTo(0x80);
        });
    }

    @Test
    void aLongStallDoesNotReleaseAFlood() {
        NoninOximeter device = new NoninOximeter(7, 23);
        List<byte[]> wire = new ArrayList<>();
        device.tick(InMemoryLink.T0, wire::add);
        device.tick(InMemoryLink.T0.plus(Duration.ofHours(1)), wire::add);

        assertThat(wire).hasSizeLessThanOrEqualTo(1 + NoninOximeter.MAX_CATCH_UP);
    }
}
