package io.wardgate.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A network source's TLS attributes: a key store turns TLS on and needs client CAs; the password never shows. */
class SourceTlsConfigTest {

    @Test
    void withoutAKeyStoreTheSourceIsPlainTcp() {
        assertThat(SourceSettings.from(config(Map.of())).tls()).isEmpty();
    }

    @Test
    void aKeyStoreAndClientCasTurnTlsOn() {
        SourceSettings settings = SourceSettings.from(config(Map.of("tlsKeyStore", "/etc/wardgate/mllp-tls.p12",
                "tlsKeyStorePassword", "s3cret-7777", "tlsClientCas", "/etc/wardgate/mllp-cas.pem",
                "tlsAllowTls12", true)));
        TlsSettings tls = settings.tls().orElseThrow();
        assertThat(tls.keyStore()).isEqualTo(Path.of("/etc/wardgate/mllp-tls.p12"));
        assertThat(tls.clientCas()).isEqualTo(Path.of("/etc/wardgate/mllp-cas.pem"));
        assertThat(tls.allowTls12()).isTrue();
        assertThat(new String(tls.password())).isEqualTo("s3cret-7777");
        assertThat(settings.toString()).doesNotContain("7777");
    }

    @Test
    void aKeyStoreWithoutClientCasIsRefused() {
        assertThatThrownBy(() -> SourceSettings.from(config(Map.of("tlsKeyStore", "/etc/wardgate/mllp-tls.p12",
                "tlsKeyStorePassword", "s3cret-7777")))).hasMessageStartingWith("tlsKeyStore needs tlsClientCas")
                .hasMessageNotContaining("7777");
        assertThatThrownBy(() -> SourceSettings.from(config(Map.of("tlsClientCas", "/etc/wardgate/mllp-cas.pem"))))
                .hasMessageStartingWith("tlsClientCas is set but tlsKeyStore is not");
    }

    /** A configuration as DS hands it over: the given values, the attributes' defaults otherwise. */
    private static SourceConfig config(Map<String, Object> values) {
        Map<String, Object> all = new HashMap<>(Map.of("protocol", "hl7", "site", "st-marys", "ward", "icu-2"));
        all.putAll(values);
        return (SourceConfig) Proxy.newProxyInstance(SourceConfig.class.getClassLoader(),
                new Class<?>[] {SourceConfig.class}, (proxy, method, args) -> {
                    if (all.containsKey(method.getName())) {
                        return all.get(method.getName());
                    }
                    if (method.getDefaultValue() != null) {
                        return method.getDefaultValue();
                    }
                    if (method.getName().equals("annotationType")) {
                        return SourceConfig.class;
                    }
                    throw new IllegalStateException("no value for " + method.getName());
                });
    }
}
