package io.wardgate.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsWarmUpTest {
    /** Every step runs on this JDK (TLS, P-256 sign and verify): a failing step would only be logged. */
    @Test
    void everyStepRunsWithoutAnyKeyOrTrustOfTheGateway() {
        assertThat(TlsWarmUp.warmUp()).isTrue();
    }

    @Test
    void onlyWhenTheConfigurationDirectoryHoldsAnUplink(@TempDir Path conf) throws Exception {
        assertThat(TlsWarmUp.uplinkConfigured(null)).isFalse();
        assertThat(TlsWarmUp.uplinkConfigured(conf.resolve("missing").toString())).isFalse();
        Files.writeString(conf.resolve("io.wardgate.serial.Port-ser-1.config"), "{}");
        assertThat(TlsWarmUp.uplinkConfigured(conf.toString())).isFalse();
        Files.writeString(conf.resolve("io.wardgate.uplink.Uplink.config"), "{}");
        assertThat(TlsWarmUp.uplinkConfigured(conf.toString())).isTrue();
    }
}
