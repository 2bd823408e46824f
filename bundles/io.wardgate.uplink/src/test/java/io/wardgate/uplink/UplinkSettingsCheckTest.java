package io.wardgate.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The check the configuration service asks before it applies uplink settings (issue #23). */
class UplinkSettingsCheckTest {
    private final UplinkSettingsCheck check = new UplinkSettingsCheck();

    private static Map<String, Object> settings(Object brokers, String ward) {
        return Map.of("brokerUrls", brokers, "site", "st-marys", "ward", ward, "trustAnchorsPath", "/etc/wardgate/anchors.pem");
    }

    @Test
    void aPlaintextBrokerUrlIsRefusedWithTheReason() {
        assertThat(check.problems(settings(new String[] {"tcp://broker.hospital:1883"}, "icu-3")))
                .singleElement().asString().contains("TLS only").contains("ssl://");
    }

    @Test
    void aWardWithASpaceIsRefusedWithTheRule() {
        assertThat(check.problems(settings(List.of("ssl://broker.hospital:8883"), "icu 3")))
                .containsExactly("ward must be 1 to 64 letters, digits, '.', '_' or '-'");
    }

    @Test
    void goodSettingsPassAndMissingOnesGetTheirDefaults() {
        assertThat(check.problems(settings(new String[] {"ssl://broker.hospital:8883"}, "icu-3"))).isEmpty();
        assertThat(check.problems(Map.of("site", "a", "ward", "b", "trustAnchorsPath", "/x")))
                .singleElement().asString().contains("broker");
    }
}
