package io.wardgate.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Broker URLs, settings bounds, topic scheme and backoff as plain values. */
class SettingsTest {

    @Test
    void aPlaintextBrokerUrlIsRefusedWithAClearError() {
        for (String url : List.of("tcp://broker.example.org:1883", "mqtt://broker.example.org", "ws://b:80/mqtt")) {
            assertThatThrownBy(() -> BrokerEndpoint.parse(url))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("plaintext broker URL refused")
                    .hasMessageContaining("TLS only");
        }
        assertThatThrownBy(() -> BrokerEndpoint.parse("wss://b/mqtt")).hasMessageContaining("unsupported");
        assertThatThrownBy(() -> BrokerEndpoint.parse("ssl://user:secret@b:8883"))
                .hasMessageContaining("credentials").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> BrokerEndpoint.parse("")).hasMessageContaining("empty");
    }

    @Test
    void tlsUrlsParseWithTheDefaultPort() {
        assertThat(BrokerEndpoint.parse("ssl://broker.example.org")).isEqualTo(new BrokerEndpoint("broker.example.org", 8883));
        assertThat(BrokerEndpoint.parse("mqtts://10.1.2.3:9883").url()).isEqualTo("ssl://10.1.2.3:9883");
        assertThat(BrokerEndpoint.parse("ssl://[::1]:8883").url()).isEqualTo("ssl://[::1]:8883");
    }

    @Test
    void settingsRefuseAnEmptyBrokerListAndBadTopicLevels() {
        Path anchors = Path.of("ca.pem");
        assertThatThrownBy(() -> UplinkSettings.of(List.of(), "s", "w", anchors)).hasMessageContaining("broker");
        List<BrokerEndpoint> one = List.of(BrokerEndpoint.parse("ssl://b"));
        assertThatThrownBy(() -> UplinkSettings.of(one, "site/x", "w", anchors)).hasMessageContaining("site");
        assertThatThrownBy(() -> UplinkSettings.of(one, "s", "#", anchors)).hasMessageContaining("ward");
        assertThatThrownBy(() -> UplinkSettings.of(one, "s", "w", anchors).withWindow(0)).hasMessageContaining("window");
    }

    @Test
    void topicSchemeKeepsEverythingUnderTheGatewaysPrefix() {
        TopicScheme scheme = new TopicScheme("site-a", "ward-3", "wg-1");
        assertThat(scheme.statusTopic()).isEqualTo("wardgate/site-a/ward-3/wg-1/status");
        assertThat(scheme.isPublishable("wardgate/site-a/ward-3/wg-1/data/vitals")).isTrue();
        assertThat(scheme.isPublishable("wardgate/site-a/ward-3/wg-1/status")).isFalse();
        assertThat(scheme.isPublishable("wardgate/site-a/+/wg-1/data")).isFalse();
        assertThat(scheme.isPublishable("other/topic")).isFalse();
        assertThat(scheme.isPublishable("wardgate/x/")).isFalse();
        assertThat(new String(scheme.will(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("{\"gateway\":\"wg-1\",\"state\":\"offline\"}");
    }
}
