package io.wardgate.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wardgate.api.Location;
import io.wardgate.api.driver.FlowControl;
import io.wardgate.api.driver.LineSettings;
import io.wardgate.api.driver.Parity;
import io.wardgate.api.driver.StopBits;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortSettingsTest {

    @Test
    void theMetatypeDefaultsMakeA9600EightNOnePortThatLearnsItsDevice() {
        PortSettings settings = PortSettings.from(Configs.masimo("/dev/serial/by-id/usb-FTDI_FT232R-if00-port0", Map.of()));
        assertThat(settings.path()).isEqualTo("/dev/serial/by-id/usb-FTDI_FT232R-if00-port0");
        assertThat(settings.line()).isEqualTo(LineSettings.eightNOne(9600));
        assertThat(settings.line()).hasToString("9600 8N1");
        assertThat(settings.protocol()).isEqualTo("masimo");
        assertThat(settings.expectedModel()).isEmpty();
        assertThat(settings.expectedSerialNumber()).isEmpty();
        assertThat(settings.location()).isEqualTo(new Location("st-marys", "icu-2", "12"));
        assertThat(settings.silenceTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.reconnectMin()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.reconnectMax()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void takesEveryAttribute() {
        PortSettings settings = PortSettings.from(Configs.masimo("/dev/serial/by-path/pci-0000:00:14.0-usb-0:1:1.0-port0",
                Map.ofEntries(Map.entry("baudRate", 19200), Map.entry("dataBits", 7), Map.entry("parity", Parity.EVEN),
                        Map.entry("stopBits", StopBits.TWO), Map.entry("flowControl", FlowControl.RTS_CTS),
                        Map.entry("expectedModel", "Radical-7"), Map.entry("expectedSerialNumber", "0123456789"),
                        Map.entry("silenceTimeoutSeconds", 3), Map.entry("reconnectMinMillis", 50),
                        Map.entry("reconnectMaxMillis", 500))));
        assertThat(settings.line()).isEqualTo(new LineSettings(19200, 7, Parity.EVEN, StopBits.TWO, FlowControl.RTS_CTS));
        assertThat(settings.line()).hasToString("19200 7E2 RTS_CTS");
        assertThat(settings.expectedModel()).isEqualTo("Radical-7");
        assertThat(settings.expectedSerialNumber()).isEqualTo("0123456789");
        assertThat(settings.silenceTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.reconnectMin()).isEqualTo(Duration.ofMillis(50));
        assertThat(settings.reconnectMax()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void refusesAMalformedProtocolNameWithoutEchoingIt() {
        assertThatThrownBy(() -> PortSettings.from(Configs.masimo("/dev/ttyUSB0", Map.of("protocol", "Masimo/2"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("protocol must be 1 to 32 lower-case letters, digits and '-'");
    }

    @Test
    void acceptsTheNameOfADriverThatIsNotInstalledYet() {
        assertThat(PortSettings.from(Configs.masimo("/dev/ttyUSB0", Map.of("protocol", "datex"))).protocol())
                .isEqualTo("datex");
    }

    @Test
    void refusesPathsThatAreNotPlainAbsolutePaths() {
        for (String path : new String[] {"ttyUSB0", "", "/dev/../etc/passwd", "/dev/tty USB0", "/dev/tty\u00e9",
                "/dev/" + "x".repeat(124), "/dev/..", "COM3"}) {
            assertThatThrownBy(() -> PortSettings.from(Configs.masimo(path, Map.of())))
                    .as(path).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("path must be");
        }
        assertThat(PortSettings.from(Configs.masimo("/dev/" + "x".repeat(123), Map.of())).path()).hasSize(128);
    }

    @Test
    void refusesOutOfRangeNumbersAndBadLocations() {
        Map<String, Object> bad = Map.of("baudRate", 49, "dataBits", 9, "silenceTimeoutSeconds", 0,
                "reconnectMinMillis", 5, "site", "st marys", "expectedSerialNumber", "x".repeat(65));
        bad.forEach((attribute, value) -> assertThatThrownBy(
                () -> PortSettings.from(Configs.masimo("/dev/ttyUSB0", Map.of(attribute, value))))
                .as(attribute).isInstanceOf(IllegalArgumentException.class));
        assertThatThrownBy(() -> PortSettings.from(Configs.masimo("/dev/ttyUSB0",
                Map.of("reconnectMinMillis", 2000, "reconnectMaxMillis", 1000))))
                .hasMessageStartingWith("reconnectMaxMillis must be between");
        assertThatThrownBy(() -> PortSettings.from(Configs.masimo("/dev/ttyUSB0", Map.of("site", "st marys"))))
                .hasMessage("site, ward and bed must each be 1 to 64 letters, digits, '.', '_' or '-'");
    }

    /** What PortSettingsFuzzTest found, pinned: a missing value was a NullPointerException, not a named refusal. */
    @Test
    void aMissingValueIsNamedNotANullPointer() {
        for (String attribute : new String[] {"path", "protocol", "parity", "stopBits", "flowControl"}) {
            Map<String, Object> values = new java.util.HashMap<>();
            values.putAll(Map.of("path", "/dev/ttyUSB0", "protocol", "masimo", "site", "st-marys", "ward", "icu-2",
                    "bed", "12"));
            values.putAll(Map.of("parity", Parity.NONE, "stopBits", StopBits.ONE, "flowControl", FlowControl.NONE));
            values.putAll(Map.of("baudRate", 9600, "dataBits", 8, "silenceTimeoutSeconds", 10,
                    "reconnectMinMillis", 1000, "reconnectMaxMillis", 60_000));
            values.remove(attribute);
            assertThatThrownBy(() -> PortSettings.from(Configs.asGiven(values)))
                    .as(attribute).isInstanceOf(IllegalArgumentException.class).hasMessage(attribute + " is required");
        }
    }
}
