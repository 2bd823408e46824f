package io.wardgate.seal.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicsTest {
    @ParameterizedTest
    @ValueSource(strings = {"serial:/dev/ttyUSB0", "ble:AA:BB:CC:DD:EE:FF", "local:a_b+c#d$e", "serial:/dev/é"})
    void deviceIdsBecomeOneSafeLevelAndComeBack(String id) {
        String level = Topics.escape(id);
        assertThat(level).matches("[A-Za-z0-9._-]+");
        assertThat(Topics.unescape(level)).isEqualTo(id);
    }

    @Test
    void escapingIsInjective() {
        assertThat(Topics.escape("a_3A")).isNotEqualTo(Topics.escape("a:"));
        assertThat(Topics.escape("serial:/dev/ttyUSB0")).isEqualTo("serial_3A_2Fdev_2FttyUSB0");
    }
}
