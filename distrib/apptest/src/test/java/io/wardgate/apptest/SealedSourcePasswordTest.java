package io.wardgate.apptest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.testkit.FreePort;
import io.wardgate.testkit.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An HL7 source with MLLP over TLS, configured as docs/devices.md shows with its key store password in clear:
 * the first start seals the password in the file, and every later start must still open the key store. At
 * start DS may hand the source its configuration before the plugin that opens sealed values exists; the
 * source then opened the key store with the sealed text and stayed closed ("wrong password") until someone
 * edited its configuration.
 */
class SealedSourcePasswordTest {
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void aTlsSourceServesAgainAfterARestartWithItsPasswordSealed() throws Exception {
        Path data = dir.resolve("data");
        Path conf = Files.createDirectories(dir.resolve("conf"));
        TestPki pki = TestPki.create("apptest-ca");
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        Path keyStore = pki.server("gateway").writePkcs12(dir.resolve("mllp-tls.p12"), password.toCharArray());
        Path clientCas = pki.writeCaPem(dir.resolve("mllp-cas.pem"));
        Path site = Files.writeString(dir.resolve("site.nft"), "define device_if = \"lo\"\ndefine hospital_if = \"eth9\"\n");
        int port = FreePort.pick();
        Path config = conf.resolve("io.wardgate.network.Source-hl7.config");
        Files.writeString(config, String.join("\n", "protocol=\"hl7\"", "port=I\"" + port + "\"",
                "siteFile=\"" + site + "\"", "site=\"st-marys\"", "ward=\"icu-2\"", "tlsKeyStore=\"" + keyStore + "\"",
                "tlsKeyStorePassword=\"" + password + "\"", "tlsClientCas=\"" + clientCas + "\"", ""));
        String serving = "hl7: serving on lo port " + port;

        try (ApplianceProcess first = ApplianceProcess.start(data, conf)) {
            first.awaitReady(START);
            await().atMost(START).until(() -> first.output().contains(serving)
                    && Files.readString(config).contains("tlsKeyStorePassword=\"enc:v1:"));
            first.stop(Duration.ofSeconds(20));
        }
        assertThat(Files.readString(config)).as("sealed in the file").doesNotContain(password);

        for (int start = 2; start <= 3; start++) {
            try (ApplianceProcess again = ApplianceProcess.start(data, conf)) {
                again.awaitReady(START);
                await().atMost(START).until(() -> again.output().contains(serving)
                        || again.output().contains("hl7: not serving"));
                assertThat(again.output()).as("start " + start).contains(serving).doesNotContain("not serving")
                        .doesNotContain(password);
                assertThat(again.listeningSockets()).as("start " + start) // tcp or tcp6 (IPv4-mapped)
                        .anyMatch(s -> s.startsWith("tcp") && s.endsWith(String.format(":%04X", port)));
                again.stop(Duration.ofSeconds(20));
            }
        }
    }
}
