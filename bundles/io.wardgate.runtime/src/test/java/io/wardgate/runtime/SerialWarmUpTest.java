package io.wardgate.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SerialWarmUpTest {
    /** jSerialComm's class initialises on this platform, and with it its native library; no port is touched. */
    @Test
    void theLibraryLoadsWithoutAnyPort() {
        assertThat(SerialWarmUp.warmUp()).isTrue();
    }

    /** The same check as the uplink's (TlsWarmUpTest), with the serial ports' factory PID. */
    @Test
    void onlyWhenTheConfigurationDirectoryHoldsASerialPort(@TempDir Path conf) throws Exception {
        Files.writeString(conf.resolve("io.wardgate.uplink.Uplink.config"), "{}");
        assertThat(SerialWarmUp.portConfigured(conf.toString())).isFalse();
        Files.writeString(conf.resolve("io.wardgate.serial.Port-bed-1.config"), "{}");
        assertThat(SerialWarmUp.portConfigured(conf.toString())).isTrue();
    }
}
