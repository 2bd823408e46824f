package io.wardgate.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * S10 for component settings: a broker URL from the configuration is a TLS endpoint or refused
 * with a printable reason; nothing else escapes, and a refused URL's text is never echoed raw.
 * Corpus in src/test/resources/io/wardgate/uplink/BrokerEndpointFuzzTestInputs/.
 */
class BrokerEndpointFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void brokerUrlsAreTlsEndpointsOrRefused(byte[] data) {
        String url = new String(data, java.nio.charset.StandardCharsets.UTF_8);
        try {
            BrokerEndpoint endpoint = BrokerEndpoint.parse(url);
            assertThat(endpoint.url()).startsWith("ssl://");
            assertThat(endpoint.port()).isBetween(1, 65535);
            assertThat(BrokerEndpoint.parse(endpoint.url())).isEqualTo(endpoint);
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).isNotBlank().hasSizeLessThan(512).matches("[\\x20-\\x7E]*");
        }
    }
}
