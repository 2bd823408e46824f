package io.wardgate.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A source's configuration is checked up front; messages name the attribute, not the value. */
class SourceSettingsTest {

    private static SourceSettings settings(String protocol, int port, String nic, Map<String, String> beds,
            int maxPeers, int idleSeconds) {
        return new SourceSettings(protocol, port, nic, Path.of("/etc/wardgate/firewall-site.nft"), "st-marys", "icu-2",
                beds, maxPeers, 262_144, 65_535, Duration.ofSeconds(idleSeconds));
    }

    @Test
    void bedsMapAddressesAndOthersGetTheirAddressAsBed() {
        SourceSettings s = settings("intellivue-lan", 0, "", Map.of("198.51.100.17", "bed-12"), 32, 60);
        assertThat(s.locationOf("198.51.100.17").bed()).isEqualTo("bed-12");
        assertThat(s.locationOf("198.51.100.18").bed()).isEqualTo("net-198.51.100.18");
        assertThat(s.locationOf("fd00::18").bed()).isEqualTo("net-fd00--18");
    }

    @Test
    void refusesWhatIsOutOfRange() {
        assertThatThrownBy(() -> settings("IntelliVue LAN", 0, "", Map.of(), 32, 60)).hasMessageStartingWith("protocol");
        assertThatThrownBy(() -> settings("hl7", 70_000, "", Map.of(), 32, 60)).hasMessageStartingWith("port");
        assertThatThrownBy(() -> settings("hl7", 0, "eth1; rm", Map.of(), 32, 60)).hasMessageStartingWith("interfaceName");
        assertThatThrownBy(() -> settings("hl7", 0, "", Map.of("host.example", "b1"), 32, 60))
                .hasMessageStartingWith("beds");
        assertThatThrownBy(() -> settings("hl7", 0, "", Map.of("198.51.100.1", "bed 1"), 32, 60))
                .hasMessageContaining("each bed");
        assertThatThrownBy(() -> settings("hl7", 0, "", Map.of(), 0, 60)).hasMessageStartingWith("maxPeers");
        assertThatThrownBy(() -> settings("hl7", 0, "", Map.of(), 32, 2)).hasMessageStartingWith("idleTimeoutSeconds");
    }
}
