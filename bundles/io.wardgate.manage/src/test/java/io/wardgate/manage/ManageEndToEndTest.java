package io.wardgate.manage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.outbox.OutboxEngine;
import io.wardgate.outbox.OutboxSettings;
import io.wardgate.seal.envelope.EncryptedMessage;
import io.wardgate.seal.envelope.Es256Signer;
import io.wardgate.seal.envelope.SignedMessage;
import io.wardgate.testkit.BrokerSetup;
import io.wardgate.testkit.Brokers;
import io.wardgate.testkit.CrlServer;
import io.wardgate.testkit.Issued;
import io.wardgate.testkit.MqttBroker;
import io.wardgate.testkit.Pem;
import io.wardgate.testkit.RecordingAuditTrail;
import io.wardgate.testkit.TestGatewayIdentity;
import io.wardgate.testkit.TestPki;
import io.wardgate.testkit.TestSubscriber;
import io.wardgate.testkit.TestTls;
import io.wardgate.uplink.BrokerEndpoint;
import io.wardgate.uplink.UplinkEngine;
import io.wardgate.uplink.UplinkSettings;
import io.wardgate.seal.envelope.KeyIds;
import io.wardgate.shared.tls.RevocationChecker;
import io.wardgate.shared.tls.RevocationSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The management channel end to end over a real broker (mosquitto with the ACL of docs/operations.md):
 * the real uplink lends its connection, IT's client (CN wardgate-admin) sends signed requests and reads
 * gateway-signed replies. Every refusal case is audited and answered with a signed refusal.
 */
class ManageEndToEndTest {
    static final String GATEWAY = "wg-test-0001";
    static final String PREFIX = "wardgate/site-a/ward-3/" + GATEWAY + "/";

    @TempDir
    static Path dir;
    static TestPki pki;
    static Issued managementKey;
    static Issued otherKey;
    /** Trusted by the file, revoked at the distribution point its certificate names. */
    static Issued revokedKey;
    /** Trusted by the file, its certificate expired. */
    static Issued expiredKey;
    static CrlServer crls;
    static TestGatewayIdentity identity;
    static Issued gatewayIssued;
    static RecordingAuditTrail audit = new RecordingAuditTrail();
    static MqttBroker broker;
    static OutboxEngine outbox;
    static UplinkEngine uplink;
    static ManageService manage;
    static TestSubscriber replies;
    static MqttClient admin;
    static final SecureRandom RANDOM = new SecureRandom();

    @BeforeAll
    static void start() throws Exception {
        pki = TestPki.create("WardGate test hospital CA");
        crls = CrlServer.start();
        // IT's keys are pinned leaf certificates naming the hospital CA's distribution point.
        managementKey = pki.issueRevocable(TestPki.Profile.client("it-fleet-key"), crls.url(), null);
        revokedKey = pki.issueRevocable(TestPki.Profile.client("it-revoked-key"), crls.url(), null);
        expiredKey = pki.expired(TestPki.Profile.client("it-expired-key"));
        crls.serve(pki.crl(revokedKey.certificate()));
        otherKey = pki.client("someone-else");
        gatewayIssued = pki.client(GATEWAY);
        identity = new TestGatewayIdentity(GATEWAY, gatewayIssued);
        broker = Brokers.start(BrokerSetup.of(dir.resolve("broker"), pki));
        outbox = new OutboxEngine(OutboxSettings.defaults(dir.resolve("outbox.db")), Clock.systemUTC(), () -> audit);
        UplinkSettings settings = UplinkSettings.of(List.of(BrokerEndpoint.parse(broker.url())), "site-a", "ward-3",
                pki.writeCaPem(dir.resolve("anchors.pem"))).withTiming(Duration.ofSeconds(5), Duration.ofMillis(100),
                Duration.ofSeconds(1));
        uplink = UplinkEngine.create(settings, outbox, identity, () -> audit).start();
        Path keys = dir.resolve("management.pem");
        Pem.writeCertificates(keys, List.of(managementKey.certificate(), revokedKey.certificate(),
                expiredKey.certificate(), pki.caCertificate()));
        Files.writeString(dir.resolve("revoked-keys"), "# no key revoked locally\n");
        KeyStatus keyStatus = new KeyStatus(new RevocationChecker(RevocationSettings.defaults(dir.resolve("crl-cache")),
                List.of(), Clock.systemUTC()), new WatchedFile<>(dir.resolve("revoked-keys"), "Revoked management keys",
                        RevokedKeys::load, RevokedKeys.ALL), Clock.systemUTC());
        Es256Signer signer = Es256Signer.randomized(RANDOM);
        manage = new ManageService(uplink.channel(),
                payload -> SignedMessage.sign(payload, gatewayIssued.key(), gatewayIssued.certificate().getPublicKey(),
                        gatewayIssued.chain(), signer),
                new TrustedKeyFile(keys), keyStatus, new NonceStore(dir.resolve("nonces"), 100), audit,
                new ContributedOperations().over(Operations.of(new Operations.Services(() -> identity, () -> null,
                        () -> outbox, () -> uplink, () -> null, () -> Map.of("io.wardgate.manage", "0.1.0 active"),
                        () -> null, reason -> { }))), null,
                new ManageService.Settings(GATEWAY, Duration.ofMinutes(5), 65_536), Clock.systemUTC()).start();
        await().atMost(Duration.ofSeconds(20)).until(() -> uplink.status().connected());
        replies = TestSubscriber.connect(broker.url(), "wardgate-admin-replies",
                TestTls.context(pki.client("wardgate-admin"), pki.caCertificate()), "wardgate/+/+/+/manage/reply/#");
        admin = new MqttClient(broker.url(), "wardgate-admin-requests", new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setSocketFactory(TestTls.context(pki.client("wardgate-admin"), pki.caCertificate()).getSocketFactory());
        admin.connect(options);
    }

    @AfterAll
    static void stop() throws Exception {
        admin.disconnect();
        admin.close();
        replies.close();
        manage.close();
        uplink.close();
        outbox.close();
        broker.close();
        crls.close();
    }

    static Map<String, Object> request(String id, String op, Instant expires, byte[] nonce) {
        Map<String, Object> payload = new HashMap<>();
        payload.put("id", id);
        payload.put("gw", GATEWAY);
        payload.put("requester", "alice@hospital");
        payload.put("op", op);
        payload.put("args", Map.of());
        payload.put("exp", expires.getEpochSecond());
        payload.put("nonce", nonce);
        return payload;
    }

    static byte[] nonce() {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        return nonce;
    }

    static byte[] signed(Map<String, Object> payload, Issued key) {
        return SignedMessage.sign(payload, key.key(), key.certificate().getPublicKey(), List.of(),
                Es256Signer.randomized(RANDOM));
    }

    /** Sends and waits for the final (non-progress) reply; checks the gateway's signature on it. */
    static Map<?, ?> send(String id, byte[] message) throws Exception {
        admin.publish(PREFIX + "manage/req/" + id, message, 1, false);
        String topic = PREFIX + "manage/reply/" + id;
        await().atMost(Duration.ofSeconds(20)).until(() -> finalReply(topic).isPresent());
        return finalReply(topic).orElseThrow();
    }

    static Optional<Map<?, ?>> finalReply(String topic) throws Exception {
        for (TestSubscriber.Received received : List.copyOf(replies.received())) {
            if (received.topic().equals(topic)) {
                SignedMessage.Parsed parsed = SignedMessage.parse(opened(received.payload()), 1 << 20);
                assertThat(parsed.verifiedBy(gatewayIssued.certificate().getPublicKey())).isTrue();
                if (!"progress".equals(parsed.payload().get("status"))) {
                    return Optional.of(parsed.payload());
                }
            }
        }
        return Optional.empty();
    }

    /** Replies to signed requests are encrypted to the signing key (either test key); refusals before that are plain. */
    static byte[] opened(byte[] reply) throws Exception {
        if (!EncryptedMessage.isEncrypted(reply)) {
            return reply;
        }
        for (Issued key : List.of(managementKey, otherKey)) {
            try {
                return EncryptedMessage.decrypt(reply, key.key(), key.certificate().getPublicKey(), 1 << 20);
            } catch (SignedMessage.MalformedMessageException anotherKey) {
                // try the next key
            }
        }
        throw new AssertionError("a reply encrypted to neither test key");
    }

    static boolean audited(String action, String text) {
        return audit.withAction(action).stream().anyMatch(e -> e.detail().contains(text) || e.target().contains(text));
    }

    @Test
    void aSignedStatusRequestIsAnsweredWithASignedInventory() throws Exception {
        Map<?, ?> reply = send("status-1", signed(request("status-1", "status", Instant.now().plusSeconds(60), nonce()),
                managementKey));
        assertThat(reply.get("status")).isEqualTo("ok");
        assertThat(reply.get("gateway")).isEqualTo(GATEWAY);
        assertThat(reply.get("bundles").toString()).contains("io.wardgate.manage");
        assertThat(reply.get("outbox").toString()).contains("envelopes");
        assertThat(reply.get("certificates").toString()).contains("CN=" + GATEWAY);
        assertThat(audit.withAction("MANAGE_REQUEST")).anyMatch(e -> e.actor().equals("it:it-fleet-key")
                && e.target().equals("status") && e.detail().contains("alice@hospital"));
    }

    @Test
    void anUnsignedRequestIsRefusedAndAudited() throws Exception {
        Map<?, ?> reply = send("unsigned-1", "{\"op\":\"status\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(reply.get("status")).isEqualTo("refused");
        assertThat(reply.get("reason").toString()).contains("not a signed request");
        assertThat(audited("MANAGE_REQUEST_REFUSED", "unsigned-1")).isTrue();
    }

    @Test
    void anExpiredRequestIsRefused() throws Exception {
        Map<?, ?> reply = send("expired-1", signed(request("expired-1", "status", Instant.now().minusSeconds(1),
                nonce()), managementKey));
        assertThat(reply.get("status")).isEqualTo("refused");
        assertThat(reply.get("reason").toString()).contains("expired");
        assertThat(audited("MANAGE_REQUEST_REFUSED", "expired")).isTrue();
    }

    @Test
    void aReplayedNonceIsRefusedEvenUnderANewRequestId() throws Exception {
        byte[] nonce = nonce();
        Instant expires = Instant.now().plusSeconds(60);
        byte[] first = signed(request("replay-1", "status", expires, nonce), managementKey);
        assertThat(send("replay-1", first).get("status")).isEqualTo("ok");
        admin.publish(PREFIX + "manage/req/replay-1", first, 1, false); // the very same bytes again
        await().atMost(Duration.ofSeconds(20)).until(() -> audited("MANAGE_REQUEST_REFUSED", "replay"));
        Map<?, ?> other = send("replay-2", signed(request("replay-2", "status", expires, nonce), managementKey));
        assertThat(other.get("reason").toString()).contains("replay");
        assertThat(Files.readString(dir.resolve("nonces"))).contains(java.util.HexFormat.of().formatHex(nonce));
    }

    @Test
    void aRequestSignedByAnUntrustedKeyIsRefused() throws Exception {
        Map<?, ?> reply = send("wrongkey-1", signed(request("wrongkey-1", "status", Instant.now().plusSeconds(60),
                nonce()), otherKey));
        assertThat(reply.get("status")).isEqualTo("refused");
        assertThat(reply.get("reason").toString()).contains("does not trust");
        assertThat(audited("MANAGE_REQUEST_REFUSED", "does not trust")).isTrue();
    }

    @Test
    void anUnknownOperationIsRefused() throws Exception {
        Map<?, ?> reply = send("unknown-1", signed(request("unknown-1", "format-disk", Instant.now().plusSeconds(60),
                nonce()), managementKey));
        assertThat(reply.get("status")).isEqualTo("refused");
        assertThat(reply.get("reason").toString()).contains("unknown operation format-disk");
    }

    @Test
    void aRequestForAnotherGatewayOrTooFarAheadIsRefused() throws Exception {
        Map<String, Object> other = request("othergw-1", "status", Instant.now().plusSeconds(60), nonce());
        other.put("gw", "wg-someone-else");
        assertThat(send("othergw-1", signed(other, managementKey)).get("reason").toString())
                .contains("another gateway");
        assertThat(send("far-1", signed(request("far-1", "status", Instant.now().plus(Duration.ofDays(1)), nonce()),
                managementKey)).get("reason").toString()).contains("further ahead");
    }

    @Test
    void editingTheTrustedKeysFileRotatesAndRevokesKeysWithoutARestart() throws Exception {
        Path keys = dir.resolve("management.pem");
        String original = Files.readString(keys);
        try {
            // Rotation: the new key is added, then the old one removed (revoked).
            Files.writeString(keys, Files.readString(otherKey.writeCertificatePem(dir.resolve("other.pem"))));
            Map<?, ?> old = send("revoked-1", signed(request("revoked-1", "status", Instant.now().plusSeconds(60),
                    nonce()), managementKey));
            assertThat(old.get("reason").toString()).contains("does not trust");
            Map<?, ?> rotated = send("rotated-1", signed(request("rotated-1", "status", Instant.now().plusSeconds(60),
                    nonce()), otherKey));
            assertThat(rotated.get("status")).isEqualTo("ok");
            // A broken edit trusts nobody rather than keeping a revoked key.
            Files.writeString(keys, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
            Map<?, ?> broken = send("broken-1", signed(request("broken-1", "status", Instant.now().plusSeconds(60),
                    nonce()), otherKey));
            assertThat(broken.get("reason").toString()).contains("does not trust");
        } finally {
            Files.writeString(keys, original);
        }
        Map<?, ?> back = send("restored-1", signed(request("restored-1", "status", Instant.now().plusSeconds(60),
                nonce()), managementKey));
        assertThat(back.get("status")).isEqualTo("ok");
    }

    /** A status request signed by {@code key}, sent, and its final reply. */
    static Map<?, ?> status(String id, Issued key) throws Exception {
        return send(id, signed(request(id, "status", Instant.now().plusSeconds(60), nonce()), key));
    }

    @Test
    void aManagementKeyRevokedAtItsCrlDistributionPointIsRefusedAndAudited() throws Exception {
        Map<?, ?> reply = status("revoked-dp-1", revokedKey);
        assertThat(reply.get("status")).isEqualTo("refused");
        assertThat(reply.get("reason").toString()).contains("it-revoked-key").contains("is revoked");
        await().atMost(Duration.ofSeconds(10)).until(() -> audit.withAction("MANAGE_KEY_REJECTED").stream().anyMatch(
                e -> e.actor().equals("it:it-revoked-key") && e.detail().contains("is revoked")
                        && e.outcome() == io.wardgate.api.pipeline.AuditEvent.Outcome.DENIED));
        assertThat(crls.requests()).isPositive();
        // The good key of the same CA, checked at the same distribution point, is still obeyed.
        Map<?, ?> good = status("revoked-dp-2", managementKey);
        assertThat(good.get("status")).isEqualTo("ok");
    }

    @Test
    void anExpiredManagementCertificateIsRefusedAndAudited() throws Exception {
        Map<?, ?> reply = status("expired-key-1", expiredKey);
        assertThat(reply.get("status")).isEqualTo("refused");
        assertThat(reply.get("reason").toString()).contains("it-expired-key").contains("expired at");
        await().atMost(Duration.ofSeconds(10)).until(() -> audited("MANAGE_KEY_REJECTED", "expired at"));
    }

    @Test
    void aKeyOnTheLocalRevocationListIsRefusedAtOnceAndAMalformedListRefusesEveryKey() throws Exception {
        Path list = dir.resolve("revoked-keys");
        String kid = KeyIds.hex(KeyIds.kid(managementKey.certificate().getPublicKey()));
        try {
            Files.writeString(list, "# revoked by IT, ticket 4711\n" + kid + " it-fleet-key (laptop lost)\n");
            Map<?, ?> refused = status("local-revoked-1", managementKey);
            assertThat(refused.get("reason").toString()).contains("local revocation list");
            await().atMost(Duration.ofSeconds(10)).until(() -> audited("MANAGE_KEY_REJECTED", "local revocation list"));
            Files.writeString(list, "not a key id\n");
            Map<?, ?> malformed = status("local-revoked-2", managementKey);
            assertThat(malformed.get("reason").toString()).contains("local revocation list");
        } finally {
            Files.writeString(list, "# no key revoked locally (restored)\n");
        }
        Map<?, ?> back = status("local-revoked-3", managementKey);
        assertThat(back.get("status")).isEqualTo("ok");
    }
}
