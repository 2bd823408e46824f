package io.wardgate.uplink;

import static io.wardgate.uplink.UplinkFixture.store;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.outbox.OutboxEngine;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** S2: a server that offers only TLS 1.1 is refused; the gateway never negotiates below TLS 1.3 by default. */
class ProtocolVersionTest {
    @TempDir
    Path dir;

    @Test
    void aTls11OnlyServerIsRefused() throws Exception {
        try (UplinkFixture fixture = new UplinkFixture(dir)) {
            Path keyStore = fixture.pki.server("old-broker").writePkcs12(dir.resolve("old.p12"), "test-only".toCharArray());
            // Only the server's JVM gets TLS 1.1 back (Java 17 disables it by default).
            Path security = Files.writeString(dir.resolve("legacy.security"),
                    "jdk.tls.disabledAlgorithms=SSLv3, RC4, DES, MD5withRSA, NULL, anon\n");
            Process server = ChildJvm.start(dir.resolve("server.log"),
                    List.of("-Djava.security.properties=" + security), Tls11OnlyServer.class, keyStore.toString(),
                    "test-only");
            fixture.track(server::destroyForcibly);
            List<String> lines = new CopyOnWriteArrayList<>();
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            Thread reader = new Thread(() -> out.lines().forEach(lines::add), "tls11-server-out");
            reader.setDaemon(true);
            reader.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> lines.stream().anyMatch(l -> l.startsWith("PORT ")));
            int port = Integer.parseInt(lines.get(0).substring(5).trim());

            OutboxEngine outbox = fixture.outbox();
            store(outbox, "a", 0);
            UplinkEngine uplink = fixture.uplink(fixture.settings("ssl://localhost:" + port), outbox);

            await().atMost(Duration.ofSeconds(20)).until(() -> uplink.status().lastError().contains("protocol_version"));
            assertThat(uplink.status().connected()).isFalse();
            assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("HANDSHAKE FAILED"));
            assertThat(lines).noneSatisfy(l -> assertThat(l).startsWith("HANDSHAKE TLS"));
            assertThat(fixture.audit.withAction("UPLINK_TLS_REJECTED")).isNotEmpty();
            assertThat(outbox.status().envelopes()).isEqualTo(1);
        }
    }
}
