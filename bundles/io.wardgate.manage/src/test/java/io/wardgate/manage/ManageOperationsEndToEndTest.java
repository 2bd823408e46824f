package io.wardgate.manage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.api.Decimal;
import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.DeviceReadings;
import io.wardgate.api.Location;
import io.wardgate.api.Observation;
import io.wardgate.api.Transport;
import io.wardgate.api.VitalSign;
import io.wardgate.audit.api.AuditQuery;
import io.wardgate.manage.client.AdminClient;
import io.wardgate.api.manage.StatusContribution;
import io.wardgate.testkit.TestTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The allowlist, audit and upload operations end to end with IT's AdminClient over mosquitto, the
 * real policy engine (allowlist) and the real file audit trail (audit.fetch).
 */
class ManageOperationsEndToEndTest {
    static final DeviceIdentity NEW_MONITOR = new DeviceIdentity(Transport.SERIAL, "/dev/wardgate/bed-14", "MX450",
            "DE99999999", "");

    @TempDir
    static Path dir;
    static TestGateway gateway;
    static AdminClient client;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start(dir, "wg-ops-0001");
        client = gateway.client();
        // A contributed operation, as another bundle (e.g. updates) would offer: it reads the upload.
        gateway.contribute("test.digest", (request, context) -> {
            Path file = context.upload();
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
            return Map.of("size", Files.size(file), "sha256", HexFormat.of().formatHex(digest));
        });
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        gateway.close();
    }

    @Test
    void aPendingDeviceIsApprovedThenRevokedByIt() throws Exception {
        gateway.policy().submit(new DeviceReadings(NEW_MONITOR, new Location("site-a", "ward-3", "bed-14"),
                List.of(Observation.of(VitalSign.SPO2, Decimal.ofInteger(97), Set.of(), Instant.now()))));
        await().until(() -> !gateway.policy().pending().isEmpty());

        AdminClient.Reply approved = client.send(gateway.gatewayId(), "allowlist.approve",
                Map.of("device", NEW_MONITOR.id(), "group", "icu-monitors"));
        assertThat(approved.status()).isEqualTo("ok");
        assertThat(approved.payload().get("group")).isEqualTo("icu-monitors");
        assertThat(gateway.policy().current().entries()).anyMatch(e -> e.identity().id().equals(NEW_MONITOR.id()));
        assertThat(Files.readString(dir.resolve("allowlist.json"))).contains("/dev/wardgate/bed-14")
                .contains("it:it-fleet-key");
        assertThat(gateway.auditFile().query(AuditQuery.latest(10).withAction("DEVICE_APPROVED")))
                .anyMatch(r -> r.event().actor().equals("it:it-fleet-key"));

        AdminClient.Reply revoked = client.send(gateway.gatewayId(), "allowlist.revoke",
                Map.of("device", NEW_MONITOR.id(), "reason", "sent to repair"));
        assertThat(revoked.status()).isEqualTo("ok");
        assertThat(gateway.policy().current().entries()).noneMatch(e -> e.identity().id().equals(NEW_MONITOR.id()));
    }

    @Test
    void otherBundlesSectionsAndAlarmsJoinTheStatusAndABrokenSectionIsAnAlarm() throws Exception {
        gateway.contributeStatus("update", new StatusContribution() {
            @Override
            public Map<String, Object> status() {
                return Map.of("installedVersion", "1.1.0", "integrity", "mismatch");
            }

            @Override
            public List<String> alarms() {
                return List.of("INTEGRITY MISMATCH: bundle test.a installed jar differs");
            }
        });
        gateway.contributeStatus("broken", new StatusContribution() {
            @Override
            public Map<String, Object> status() {
                throw new IllegalStateException("not ready");
            }

            @Override
            public List<String> alarms() {
                return List.of();
            }
        });

        AdminClient.Reply reply = client.send(gateway.gatewayId(), "status", Map.of());

        assertThat(reply.status()).isEqualTo("ok");
        assertThat(reply.payload().get("update").toString()).contains("installedVersion=1.1.0");
        assertThat(((List<?>) reply.payload().get("alarms")).stream().map(Object::toString)).contains(
                "update: INTEGRITY MISMATCH: bundle test.a installed jar differs",
                "broken: status unavailable (IllegalStateException)");
        assertThat(reply.payload().get("gateway")).isEqualTo(gateway.gatewayId());
    }

    @Test
    void approvingADeviceNobodySawIsAnErrorReplyNotACrash() throws Exception {
        AdminClient.Reply reply = client.send(gateway.gatewayId(), "allowlist.approve",
                Map.of("device", "serial:/dev/nothing-here", "group", "icu-monitors"));
        assertThat(reply.status()).isEqualTo("error");
        assertThat(reply.payload().get("reason").toString()).isNotBlank();
    }

    @Test
    void auditFetchReturnsTheChainedRecordsOfTheFileTrail() throws Exception {
        client.send(gateway.gatewayId(), "status", Map.of());
        AdminClient.Reply reply = client.send(gateway.gatewayId(), "audit.fetch",
                Map.of("limit", 5L, "action", "MANAGE_REQUEST"));
        assertThat(reply.status()).isEqualTo("ok");
        List<?> records = (List<?>) reply.payload().get("records");
        assertThat(records).isNotEmpty().hasSizeLessThanOrEqualTo(5);
        assertThat(records).allSatisfy(r -> {
            assertThat(((Map<?, ?>) r).get("action")).isEqualTo("MANAGE_REQUEST");
            assertThat(((Map<?, ?>) r).get("hash").toString()).isNotBlank();
        });
        assertThat(records.toString()).contains("alice@hospital");
    }

    @Test
    void anUploadInChunksReachesTheOperationVerifiedAndIsDeletedAfterTheReply() throws Exception {
        byte[] content = new byte[600 * 1024 + 17]; // three chunks, the last one short
        new SecureRandom().nextBytes(content);
        Path file = Files.write(dir.resolve("package.bin"), content);
        AdminClient.Upload upload = client.upload(gateway.gatewayId(), file);
        AdminClient.Reply reply = client.send(gateway.gatewayId(), "test.digest", Map.of("upload", upload.asArgument()));
        assertThat(reply.status()).isEqualTo("ok");
        assertThat(reply.payload().get("size")).isEqualTo((long) content.length);
        assertThat(reply.payload().get("sha256"))
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
        assertThat(gateway.progress).anyMatch(line -> line.contains("uploaded chunk 3"));
        await().until(() -> !Files.exists(dir.resolve("uploads").resolve(upload.id())));
    }

    @Test
    void aTamperedChunkIsRefusedBecauseTheSignedDigestNoLongerMatches() throws Exception {
        byte[] content = new byte[300 * 1024];
        new SecureRandom().nextBytes(content);
        AdminClient.Upload upload = client.upload(gateway.gatewayId(), Files.write(dir.resolve("genuine.bin"), content));
        // Someone with write access to the upload topics replaces chunk 1 before the request arrives.
        MqttClient intruder = new MqttClient(gateway.broker().url(), "intruder", new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setSocketFactory(TestTls.context(gateway.pki().client("wardgate-admin"), gateway.pki().caCertificate())
                .getSocketFactory());
        intruder.connect(options);
        byte[] evil = new byte[content.length - AdminClient.CHUNK_BYTES];
        intruder.publish("wardgate/site-a/ward-3/" + gateway.gatewayId() + "/manage/upload/" + upload.id() + "/1", evil, 1,
                false);
        intruder.disconnect();
        intruder.close();

        AdminClient.Reply reply = client.send(gateway.gatewayId(), "test.digest", Map.of("upload", upload.asArgument()));
        assertThat(reply.status()).isEqualTo("error");
        assertThat(reply.payload().get("reason").toString()).contains("does not match the signed SHA-256");
        assertThat(gateway.recorded().withAction("MANAGE_REQUEST")).anyMatch(e -> e.target().equals("test.digest")
                && e.outcome() == io.wardgate.api.pipeline.AuditEvent.Outcome.FAILURE);
    }

    @Test
    void anUploadNobodySentIsRefused() throws Exception {
        AdminClient.Reply reply = client.send(gateway.gatewayId(), "test.digest", Map.of("upload",
                new AdminClient.Upload("never-sent", 10, new byte[32]).asArgument()));
        assertThat(reply.status()).isEqualTo("error");
        assertThat(reply.payload().get("reason").toString()).contains("no upload never-sent is staged");
    }

    @Test
    void theClientTimesOutBoundedlyForAGatewayThatDoesNotAnswer() throws Exception {
        AdminClient quick = AdminClient.connect(new AdminClient.Settings(gateway.broker().url(), TestGateway.SITE,
                TestGateway.WARD, io.wardgate.manage.client.AdminKeys.tls(dir.resolve("admin.p12"),
                        TestGateway.ADMIN_PASSWORD, List.of(gateway.pki().caCertificate())),
                io.wardgate.manage.client.AdminKeys.privateKey(dir.resolve("mgmt-key.pem")),
                io.wardgate.manage.client.AdminKeys.publicKey(dir.resolve("mgmt-cert.pem")),
                List.of(gateway.pki().caCertificate()), "alice@hospital", Duration.ofSeconds(2),
                Duration.ofSeconds(60)), line -> { });
        try (quick) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> quick.send("wg-nobody-home", "status", Map.of()))
                    .isInstanceOf(AdminClient.TimeoutException.class).hasMessageContaining("wg-nobody-home");
        }
    }
}
