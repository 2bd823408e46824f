package io.wardgate.serial;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wardgate.api.driver.FlowControl;
import io.wardgate.api.driver.LineSettings;
import io.wardgate.api.driver.Parity;
import io.wardgate.api.driver.StopBits;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * S10 for a serial port's configuration values as DS hands them over (typed by the Metatype, any value,
 * any attribute missing): baud rate, data bits, parity, stop bits, flow control, path, protocol name,
 * expected identity, location and timings. Each configuration is accepted within the documented bounds
 * or refused with an IllegalArgumentException whose message is one of the fixed rules (it names the
 * attribute, never echoes the value); nothing else escapes. Corpus in
 * src/test/resources/io/wardgate/serial/PortSettingsFuzzTestInputs/, replayed in every build under
 * io.wardgate.testkit.FuzzInputBounds; JAZZER_FUZZ=1 fuzzes.
 */
class PortSettingsFuzzTest {
    /** Every message PortSettings and LineSettings may refuse with. */
    private static final List<Pattern> RULES = List.of(
            Pattern.compile("(path|line|protocol|location|parity|stopBits|flowControl) is required"),
            Pattern.compile("path must be an absolute path of at most 128 letters, digits and \\._-:\\+@=,/ without '\\.\\.'"),
            Pattern.compile("protocol must be 1 to 32 lower-case letters, digits and '-'"),
            Pattern.compile("baudRate must be 50 to 4000000"),
            Pattern.compile("dataBits must be 5 to 8"),
            Pattern.compile("expected(Model|SerialNumber) must be at most 64 printable ASCII characters"),
            Pattern.compile("site, ward and bed must each be 1 to 64 letters, digits, '\\.', '_' or '-'"),
            Pattern.compile("(silenceTimeoutSeconds|reconnectMinMillis|reconnectMaxMillis) must be between PT[0-9.HMS]+ and PT[0-9.HMS]+"));
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._\\-:+@=,/]{1,127}");

    @FuzzTest(maxDuration = "30s")
    void portConfigurationsAreAcceptedWithinBoundsOrRefusedByRule(FuzzedDataProvider data) {
        Map<String, Object> values = new HashMap<>();
        values.put("path", text(data, "/dev/ttyUSB0", 200));
        values.put("protocol", text(data, "masimo", 40));
        values.put("baudRate", data.consumeBoolean() ? 9600 : data.consumeInt());
        values.put("dataBits", data.consumeBoolean() ? 8 : data.consumeInt());
        values.put("parity", pick(data, Parity.values()));
        values.put("stopBits", pick(data, StopBits.values()));
        values.put("flowControl", pick(data, FlowControl.values()));
        values.put("expectedModel", text(data, "", 80));
        values.put("expectedSerialNumber", text(data, "", 80));
        values.put("site", text(data, "st-marys", 80));
        values.put("ward", text(data, "icu-2", 80));
        values.put("bed", text(data, "12", 80));
        values.put("silenceTimeoutSeconds", data.consumeBoolean() ? 10 : data.consumeInt());
        values.put("reconnectMinMillis", data.consumeBoolean() ? 1_000 : data.consumeInt());
        values.put("reconnectMaxMillis", data.consumeBoolean() ? 60_000 : data.consumeInt());

        PortSettings settings;
        try {
            settings = PortSettings.from(Configs.asGiven(values));
        } catch (IllegalArgumentException refused) {
            assertThat(RULES).as(refused.getMessage()).anyMatch(rule -> rule.matcher(refused.getMessage()).matches());
            return;
        }
        assertThat(settings.path()).matches(PATH).doesNotContain("/../").doesNotEndWith("/..");
        LineSettings line = settings.line();
        assertThat(line.baudRate()).isBetween(LineSettings.MIN_BAUD, LineSettings.MAX_BAUD);
        assertThat(line.dataBits()).isBetween(5, 8);
        assertThat(settings.protocol()).matches("[a-z0-9-]{1,32}");
        assertThat(settings.expectedModel()).matches("[\\x20-\\x7E]{0,64}");
        assertThat(settings.expectedSerialNumber()).matches("[\\x20-\\x7E]{0,64}");
        assertThat(settings.reconnectMin()).isLessThanOrEqualTo(settings.reconnectMax());
        assertThat(settings.silenceTimeout().toSeconds()).isBetween(1L, 3600L);
    }

    /** A good value, a missing one (null, as DS gives a required attribute that is absent), or any text. */
    private static String text(FuzzedDataProvider data, String good, int max) {
        return switch (data.consumeInt(0, 3)) {
            case 0 -> good;
            case 1 -> null;
            case 2 -> good + data.consumeString(max);
            default -> data.consumeString(max);
        };
    }

    private static <T> T pick(FuzzedDataProvider data, T[] options) {
        int index = data.consumeInt(-1, options.length - 1);
        return index < 0 ? null : options[index];
    }
}
