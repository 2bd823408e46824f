package io.wardgate.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.driver.nonin.sim.NoninOximeter.Mode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code wardgate decode} in-process on captures written to temporary files. */
class DecodeCommandTest {
    private static final Pattern OFFSET = Pattern.compile("^\\{\"offset\":(\\d+),\"type\":\"([a-z_]+)\"");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @Test
    void printsOneExactJsonLinePerReading() throws IOException {
        // device-protocols.md line 93: "HR 72, SpO2 98 -> `80 48 62 00`", after the ACK (0x06, line 90).
        Path capture = Files.write(dir.resolve("df8.bin"), HexFormat.of().parseHex("06804862008048620000"));

        int exit = decode("nonin-df8", capture);

        assertThat(exit).isZero();
        assertThat(stderr.toString(StandardCharsets.UTF_8)).isEmpty();
        // Two DF8 frames and no timing in a capture: the boundary is not confirmed (issue #17 item 4).
        assertThat(lines()).containsExactly(
                "{\"offset\":1,\"type\":\"reading\",\"metric\":149530,\"referenceId\":\"MDC_PULS_OXIM_PULS_RATE\","
                        + "\"loinc\":\"8867-4\",\"value\":\"72\",\"unit\":\"/min\",\"unitCode\":264864,\"status\":[\"QUESTIONABLE\"]}",
                "{\"offset\":1,\"type\":\"reading\",\"metric\":150456,\"referenceId\":\"MDC_PULS_OXIM_SAT_O2\","
                        + "\"loinc\":\"2708-6\",\"value\":\"98\",\"unit\":\"%\",\"unitCode\":262688,\"status\":[\"QUESTIONABLE\"]}",
                "{\"offset\":5,\"type\":\"reading\",\"metric\":149530,\"referenceId\":\"MDC_PULS_OXIM_PULS_RATE\","
                        + "\"loinc\":\"8867-4\",\"value\":\"72\",\"unit\":\"/min\",\"unitCode\":264864,\"status\":[\"QUESTIONABLE\"]}",
                "{\"offset\":5,\"type\":\"reading\",\"metric\":150456,\"referenceId\":\"MDC_PULS_OXIM_SAT_O2\","
                        + "\"loinc\":\"2708-6\",\"value\":\"98\",\"unit\":\"%\",\"unitCode\":262688,\"status\":[\"QUESTIONABLE\"]}",
                "{\"offset\":9,\"type\":\"framing_error\",\"reason\":\"skipped 1 byte: incomplete frame (1 of 4 bytes,"
                        + " then silence)\"}");
    }

    @Test
    void aDeviceAlarmIsPrintedAsATypedAlarmLine() throws IOException {
        // The Masimo ASCII 1 example line (device-protocols.md), then the same with ALARM=0002 (a limit alarm).
        String quiet = "02/22/16 22:47:46 SN=0000056661 SPO2=097% BPM=064 PI=01.20% ALARM=0000 EXC=000000\r\n";
        Path capture = Files.writeString(dir.resolve("masimo.txt"), quiet + quiet.replace("22:47:46", "22:47:47")
                .replace("ALARM=0000", "ALARM=0002"), StandardCharsets.US_ASCII);

        assertThat(decode("masimo", capture)).isZero();

        assertThat(lines()).filteredOn(line -> type(line).equals("alarm")).singleElement().asString()
                .contains("\"code\":\"masimo:").contains("\"state\":\"ACTIVE\"").contains("\"priority\":");
    }

    @Test
    void decodesAHalfMinuteOfDf8FromTheSimulator() throws IOException {
        Path capture = Captures.nonin(8, 42).run(Mode.NORMAL, Duration.ofSeconds(30)).writeTo(dir, "df8.bin");

        assertThat(decode("nonin-df8", capture)).isZero();

        List<String> lines = lines();
        assertThat(lines).hasSize(60).allSatisfy(line -> assertThat(type(line)).isEqualTo("reading"));
        for (int i = 0; i < lines.size(); i++) {
            assertThat(offset(lines.get(i))).isEqualTo(1 + 4L * (i / 2));
            assertThat(lines.get(i)).contains(i % 2 == 0 ? "MDC_PULS_OXIM_PULS_RATE" : "MDC_PULS_OXIM_SAT_O2")
                    .containsPattern("\"value\":\"\\d{2,3}\"");
        }
    }

    @Test
    void decodesDf7PlethAsWaveformLinesWithTheirSamplePeriod() throws IOException {
        Path capture = Captures.nonin(7, 7).run(Mode.NORMAL, Duration.ofSeconds(2)).writeTo(dir, "df7.bin");

        assertThat(decode("nonin-df7", capture)).isZero();

        List<String> waves = lines().stream().filter(line -> type(line).equals("waveform")).toList();
        assertThat(waves).hasSize(6).allSatisfy(line -> assertThat(line)
                .contains("\"referenceId\":\"MDC_PULS_OXIM_PLETH\"", "\"samplePeriodNanos\":13333333",
                        "\"sampleCount\":25", "\"unit\":\"1\"")
                .containsPattern("\"samples\":\\[(\\d+,){24}\\d+\\]"));
        assertThat(waves).extracting(DecodeCommandTest::offset).containsExactly(1L, 126L, 251L, 376L, 501L, 626L);
        assertThat(lines()).filteredOn(line -> line.contains("MDC_PULS_OXIM_SAT_O2")).hasSize(6);
        assertThat(lines()).noneMatch(line -> type(line).equals("framing_error"));
    }

    @Test
    void garbageIsReportedWithItsOffsetAndTheFramesAfterItStillDecode() throws IOException {
        byte[] garbage = new byte[37];
        Arrays.fill(garbage, (byte) 0xFF);
        Captures captures = Captures.nonin(8, 5).run(Mode.NORMAL, Duration.ofSeconds(5));
        int garbageAt = captures.size();
        captures.append(garbage).run(Mode.NORMAL, Duration.ofSeconds(5));

        assertThat(decode("nonin-df8", captures.writeTo(dir, "garbage.bin"))).isZero();

        List<String> errors = lines().stream().filter(line -> type(line).equals("framing_error")).toList();
        assertThat(errors).singleElement().satisfies(line -> {
            assertThat(offset(line)).isEqualTo(garbageAt);
            assertThat(line).contains("skipped 37 bytes");
        });
        assertThat(lines()).filteredOn(line -> offset(line) >= garbageAt + 37).hasSize(10)
                .allSatisfy(line -> assertThat(type(line)).isEqualTo("reading"));
        assertThat(lines()).extracting(DecodeCommandTest::offset).isSorted();
    }

    @Test
    void aBabblingDeviceGivesFramingErrorsThenReadingsAgain() throws IOException {
        Captures captures = Captures.nonin(7, 9).run(Mode.NORMAL, Duration.ofSeconds(1))
                .run(Mode.GARBAGE, Duration.ofSeconds(3));
        int normalAgainAt = captures.size();
        Path capture = captures.run(Mode.NORMAL, Duration.ofSeconds(2)).writeTo(dir, "babble.bin");

        assertThat(decode("nonin-df7", capture)).isZero();

        assertThat(lines()).filteredOn(line -> type(line).equals("framing_error")).hasSizeGreaterThanOrEqualTo(1);
        assertThat(lines()).filteredOn(line -> offset(line) >= normalAgainAt + 250)
                .filteredOn(line -> line.contains("MDC_PULS_OXIM_SAT_O2")).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(line -> assertThat(line).containsPattern("\"value\":\"\\d+\""));
    }

    @Test
    void aFileOfNothingButNoiseGivesOnlyFramingErrors() throws IOException {
        byte[] noise = new byte[5000];
        new Random(3).nextBytes(noise);
        for (int i = 0; i < noise.length; i++) {
            if (noise[i] == 0x06 || noise[i] == 0x15) {
                noise[i] = 0x00; // not the device's ACK/NAK
            }
        }
        Path capture = Files.write(dir.resolve("noise.bin"), noise);

        assertThat(decode("nonin-df7", capture)).isZero();

        assertThat(lines()).hasSizeGreaterThanOrEqualTo(5)
                .allSatisfy(line -> assertThat(type(line)).isEqualTo("framing_error"));
        long skipped = lines().stream().mapToLong(DecodeCommandTest::skippedCount).sum();
        assertThat(skipped).isEqualTo(noise.length);
    }

    @Test
    void sensorOffIsPrintedAsStatusWithoutAValue() throws IOException {
        Path capture = Captures.nonin(8, 1).run(Mode.SENSOR_OFF, Duration.ofSeconds(3)).writeTo(dir, "off.bin");

        assertThat(decode("nonin-df8", capture)).isZero();

        assertThat(lines()).hasSize(6).allSatisfy(line -> assertThat(line)
                .contains("\"value\":null", "\"status\":[\"UNAVAILABLE\",", "\"SENSOR_PROBLEM\"]"));
    }

    @Test
    void anUnknownProtocolIsAUsageError() throws IOException {
        Path capture = Files.write(dir.resolve("any.bin"), new byte[] {1, 2, 3});

        assertThat(decode("no-such-protocol", capture)).isEqualTo(2);

        assertThat(stdout.size()).isZero();
        assertThat(stderr.toString(StandardCharsets.UTF_8))
                .contains("unknown protocol 'no-such-protocol'", "nonin-df7", "nonin-df8");
    }

    @Test
    void anUnreadableFileIsAUsageError() {
        assertThat(decode("nonin-df8", dir.resolve("missing.bin"))).isEqualTo(2);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("cannot read", "no such file");

        stderr.reset();
        assertThat(decode("nonin-df8", dir)).isEqualTo(2);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("cannot read");
        assertThat(stdout.size()).isZero();
    }

    @Test
    void commandLineMistakesAreUsageErrors() {
        assertThat(run()).isEqualTo(2);
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("unknown command 'frobnicate'", "decode");
        assertThat(run("decode", "--protocol", "nonin-df8")).isEqualTo(2);
        assertThat(run("decode", "--protocol", "nonin-df8", "a", "b")).isEqualTo(2);
        assertThat(run("decode", "--bogus", "x")).isEqualTo(2);
        assertThat(stdout.size()).isZero();

        assertThat(run("--help")).isZero();
        assertThat(run("decode", "--help")).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("usage: wardgate decode --protocol NAME [--peer ADDRESS] FILE");
    }

    @Test
    void helpListsTheProtocolsOfTheDriversFoundOnTheClassPath() {
        assertThat(run("decode", "--help")).isZero();
        String help = stdout.toString(StandardCharsets.UTF_8);
        // Each driver jar's META-INF/services (written by bnd) makes it known; nothing lists them in the tool.
        assertThat(help).containsPattern("(?m)^    intellivue +Philips IntelliVue")
                .containsPattern("(?m)^    masimo +Masimo Radical")
                .containsPattern("(?m)^    nonin-df7 +Nonin").containsPattern("(?m)^    nonin-df8 +Nonin")
                .containsPattern("(?m)^    gatt +2A18 2A1C 2A35 2A37 2A5E 2A5F 2A9D: Bluetooth LE GATT");
    }

    @Test
    void theProtocolMayBeGivenWithAnEqualsSign() throws IOException {
        Path capture = Files.write(dir.resolve("df8.bin"), HexFormat.of().parseHex("068048620080486200"));
        assertThat(run("decode", "--protocol=nonin-df8", capture.toString())).isZero();
        assertThat(lines()).hasSize(4);
    }

    private int decode(String protocol, Path file) {
        return run("decode", "--protocol", protocol, file.toString());
    }

    private int run(String... args) {
        try (PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
                PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8)) {
            return Main.run(args, out, err);
        }
    }

    private List<String> lines() {
        String text = stdout.toString(StandardCharsets.UTF_8);
        assertThat(text).as("every line ends with a line feed").satisfiesAnyOf(
                t -> assertThat(t).isEmpty(), t -> assertThat(t).endsWith("\n"));
        List<String> lines = text.lines().toList();
        assertThat(lines).allSatisfy(line -> assertThat(line).matches(OFFSET.pattern() + ".*\\}$"));
        return lines;
    }

    private static long offset(String line) {
        Matcher matcher = OFFSET.matcher(line);
        assertThat(matcher.find()).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    private static String type(String line) {
        Matcher matcher = OFFSET.matcher(line);
        assertThat(matcher.find()).isTrue();
        return matcher.group(2);
    }

    private static long skippedCount(String line) {
        Matcher matcher = Pattern.compile("skipped (\\d+) byte").matcher(line);
        assertThat(matcher.find()).as(line).isTrue();
        return Long.parseLong(matcher.group(1));
    }
}
