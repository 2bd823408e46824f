package io.wardgate.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** `wardgate decode --gatt UUID HEX` on the characteristic vectors of shared/specs/device-protocols.md. */
class GattDecodeTest {
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    private int decode(String... args) {
        return new DecodeCommand().run(List.of(args), new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    @Test
    void heartRateMeasurement() {
        // device-protocols.md: "1E 55 32 00 21 00 -> 85 bpm, contact detected, 50 kJ, RR [33]"
        assertThat(decode("--gatt", "2A37", "1E 55 32 00 21 00")).isEqualTo(Command.OK);
        String json = stdout.toString(StandardCharsets.UTF_8);
        assertThat(json).contains("85").contains("147842");
        assertThat(json.lines()).hasSize(1);
    }

    @Test
    void temperatureWithTheFullUuid() {
        // device-protocols.md: "06 B0 0E 00 FE DC 07 0C 05 0B 32 1B 04 -> 37.60 degC, 2012-12-05 11:50:27, finger"
        assertThat(decode("--gatt", "00002a1c-0000-1000-8000-00805f9b34fb", "06B00E00FEDC070C050B321B04"))
                .isEqualTo(Command.OK);
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("37.60");
    }

    @Test
    void aTruncatedValueIsAClearErrorNamingTheField() {
        // the blood pressure vector cut after the systolic value
        assertThat(decode("--gatt", "2A35", "1E8A00")).isEqualTo(Command.FAILED);
        String json = stdout.toString(StandardCharsets.UTF_8);
        assertThat(json).contains("field").contains("diastolic");
    }

    @Test
    void unsupportedCharacteristicsAndBadHexAreUsageErrors() {
        assertThat(decode("--gatt", "2A00", "00")).isEqualTo(Command.USAGE);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("not supported").contains("2A37");
        assertThat(decode("--gatt", "2A37", "0G")).isEqualTo(Command.USAGE);
        assertThat(decode("--gatt", "2A37", "00".repeat(513))).isEqualTo(Command.USAGE);
        assertThat(decode("--gatt", "2A37")).isEqualTo(Command.USAGE);
    }
}
