package io.wardgate.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wardgate.api.secrets.SecretBox;
import io.wardgate.seal.secrets.AesGcmSecretBox;
import io.wardgate.seal.secrets.SecretsKey;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A network source's TLS attributes: a key store turns TLS on and needs client CAs; the password never shows,
 * and one that arrives sealed (DS read the configuration before the sealed-settings plugin existed) is opened
 * with the gateway's real secret box.
 */
class SourceTlsConfigTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    @TempDir
    Path dir;
    private SecretBox box;

    @BeforeEach
    void box() throws Exception {
        box = new AesGcmSecretBox(SecretsKey.open(dir, Optional.empty(), RANDOM), "test", RANDOM);
    }

    private SourceSettings from(SourceConfig config) {
        return SourceSettings.from(config, box);
    }

    @Test
    void aSealedKeyStorePasswordIsOpenedAndOneSealedForAnotherSettingIsAClearError() {
        String sealed = box.seal(SourceConfig.PID, "tlsKeyStorePassword", "s3cret-7777");
        SourceSettings settings = from(config(Map.of("tlsKeyStore", "/etc/wardgate/mllp-tls.p12",
                "tlsKeyStorePassword", sealed, "tlsClientCas", "/etc/wardgate/mllp-cas.pem")));
        assertThat(new String(settings.tls().orElseThrow().password())).isEqualTo("s3cret-7777");

        String elsewhere = box.seal("io.wardgate.web.WebConsole", "keystorePassword", "s3cret-7777");
        assertThatThrownBy(() -> from(config(Map.of("tlsKeyStore", "/etc/wardgate/mllp-tls.p12",
                "tlsKeyStorePassword", elsewhere, "tlsClientCas", "/etc/wardgate/mllp-cas.pem"))))
                .hasMessageStartingWith("tlsKeyStorePassword: the sealed value does not open")
                .hasMessageNotContaining("7777").hasMessageNotContaining(elsewhere);
    }

    @Test
    void withoutAKeyStoreTheSourceIsPlainTcp() {
        assertThat(from(config(Map.of())).tls()).isEmpty();
    }

    @Test
    void aKeyStoreAndClientCasTurnTlsOn() {
        SourceSettings settings = from(config(Map.of("tlsKeyStore", "/etc/wardgate/mllp-tls.p12",
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
        assertThatThrownBy(() -> from(config(Map.of("tlsKeyStore", "/etc/wardgate/mllp-tls.p12",
                "tlsKeyStorePassword", "s3cret-7777")))).hasMessageStartingWith("tlsKeyStore needs tlsClientCas")
                .hasMessageNotContaining("7777");
        assertThatThrownBy(() -> from(config(Map.of("tlsClientCas", "/etc/wardgate/mllp-cas.pem"))))
                .hasMessageStartingWith("tlsClientCas is set but tlsKeyStore is not");
    }

    @Test
    void pinsAreAddressAndFingerprintAsOpensslPrintsItWithOrWithoutColons() {
        String colons = "3A:4F:" + "00:".repeat(29) + "FF";
        SourceSettings settings = from(config(Map.of("tlsKeyStore", "/etc/wardgate/mllp-tls.p12",
                "tlsClientCas", "/etc/wardgate/mllp-cas.pem", "tlsClientPins", new String[] {"10.20.0.17=" + colons,
                        "10.20.0.17=" + "ab".repeat(32), " 10.20.0.18 = " + colons.toLowerCase() + " "})));
        ClientPins pins = settings.tls().orElseThrow().pins();
        assertThat(pins.byAddress()).containsOnlyKeys("10.20.0.17", "10.20.0.18");
        assertThat(pins.byAddress().get("10.20.0.17")).hasSize(2); // a renewal: old and new certificate
        assertThat(pins.toString()).contains("10.20.0.18=" + colons);
        // Equal settings do not restart the listener; another pin does.
        assertThat(from(config(Map.of("tlsKeyStore", "/etc/wardgate/mllp-tls.p12", "tlsClientCas",
                "/etc/wardgate/mllp-cas.pem", "tlsClientPins", new String[] {"10.20.0.17=" + colons}))).tls())
                .isNotEqualTo(settings.tls())
                .isEqualTo(from(config(Map.of("tlsKeyStore", "/etc/wardgate/mllp-tls.p12",
                        "tlsClientCas", "/etc/wardgate/mllp-cas.pem", "tlsClientPins",
                        new String[] {"10.20.0.17=" + colons.replace(":", "")}))).tls());
    }

    @Test
    void aBadPinIsRefusedWithTheEntryNamedAndPinsNeedTls() {
        for (String bad : new String[] {"10.20.0.17", "10.20.0.17=3A:4F", "10.20.0.256=" + "ab".repeat(32),
                "monitor-7.ward=" + "ab".repeat(32), "10.20.0.17=" + "ab".repeat(33), "=" + "ab".repeat(32)}) {
            assertThatThrownBy(() -> from(config(Map.of("tlsKeyStore", "/etc/wardgate/mllp-tls.p12",
                    "tlsClientCas", "/etc/wardgate/mllp-cas.pem", "tlsClientPins", new String[] {bad}))))
                    .as(bad).hasMessageStartingWith("tlsClientPins: each entry is IPV4-ADDRESS=SHA-256")
                    .hasMessageContaining(bad.substring(0, Math.min(bad.length(), 80)));
        }
        String[] tooMany = new String[ClientPins.MAX_ENTRIES + 1];
        java.util.Arrays.fill(tooMany, "10.20.0.17=" + "ab".repeat(32));
        assertThatThrownBy(() -> ClientPins.parse(tooMany)).hasMessageContaining("at most 1024");
        assertThatThrownBy(() -> from(config(Map.of("tlsClientPins",
                new String[] {"10.20.0.17=" + "ab".repeat(32)})))).hasMessageStartingWith(
                        "tlsClientPins is set but tlsKeyStore is not");
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
