package io.wardgate.manage;

import static org.awaitility.Awaitility.await;

import io.wardgate.api.pipeline.AuditTrail;
import io.wardgate.api.pipeline.GatewayIdentity;
import io.wardgate.api.pipeline.Sealer;
import io.wardgate.audit.AuditSettings;
import io.wardgate.audit.FileAuditTrail;
import io.wardgate.manage.client.AdminClient;
import io.wardgate.manage.client.AdminKeys;
import io.wardgate.api.manage.ManagementOperation;
import io.wardgate.api.manage.StatusContribution;
import io.wardgate.outbox.OutboxEngine;
import io.wardgate.outbox.OutboxSettings;
import io.wardgate.policy.internal.PolicyEngine;
import io.wardgate.policy.internal.PolicySettings;
import io.wardgate.seal.envelope.Es256Signer;
import io.wardgate.seal.envelope.SignedMessage;
import io.wardgate.seal.envelope.SigningKey;
import io.wardgate.seal.identity.IdentityStore;
import io.wardgate.testkit.BrokerSetup;
import io.wardgate.testkit.Brokers;
import io.wardgate.testkit.Issued;
import io.wardgate.testkit.MqttBroker;
import io.wardgate.testkit.RecordingAuditTrail;
import io.wardgate.testkit.TestPki;
import io.wardgate.uplink.BrokerEndpoint;
import io.wardgate.uplink.UplinkEngine;
import io.wardgate.uplink.UplinkSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import io.wardgate.shared.tls.RevocationChecker;
import io.wardgate.shared.tls.RevocationSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.X509KeyManager;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.metatype.MetaTypeService;

/**
 * A gateway made of the real parts, for end-to-end tests of remote management (also used by the
 * tools module's `wardgate admin` tests through this module's test jar): mosquitto with the ACL of
 * docs/operations.md, a gateway identity store enrolled by the test CA, the real uplink, outbox,
 * policy engine and file audit trail, and the management service with uploads. Files for IT's
 * client (CA, TLS PKCS#12, management key and certificate) are written to {@link #dir()}.
 */
public final class TestGateway implements AutoCloseable {
    public static final String SITE = "site-a";
    public static final String WARD = "ward-3";
    public static final char[] ADMIN_PASSWORD = "test-only-p12-password".toCharArray();

    private final Path dir;
    private final TestPki pki;
    private final String gatewayId;
    private final Issued managementKey;
    private final Issued adminTls;
    private final RecordingAuditTrail recorded = new RecordingAuditTrail();
    private final FileAuditTrail auditFile;
    private final AuditTrail audit;
    private final IdentityStore identity;
    private final MqttBroker broker;
    private final OutboxEngine outbox;
    private final UplinkEngine uplink;
    private final PolicyEngine policy;
    private final ManageService manage;
    private final ContributedOperations contributed = new ContributedOperations();
    private final StatusSections sections = new StatusSections();
    private EmbeddedFelix felix;
    public final List<String> progress = new CopyOnWriteArrayList<>();

    private TestGateway(Path dir, String gatewayId) throws Exception {
        this.dir = dir;
        this.gatewayId = gatewayId;
        this.pki = TestPki.create("WardGate test hospital CA");
        this.managementKey = pki.client("it-fleet-key");
        this.adminTls = pki.client("wardgate-admin");
        this.auditFile = FileAuditTrail.open(new AuditSettings(dir.resolve("audit"), 64L << 20, 1L << 20, 80, gatewayId,
                SITE + "/" + WARD), Clock.systemUTC(), new SecureRandom());
        this.audit = event -> {
            recorded.record(event);
            auditFile.record(event);
        };
        this.identity = IdentityStore.open(dir.resolve("identity"), gatewayId, new SecureRandom(), Clock.systemUTC());
        identity.installTrustAnchors(List.of(pki.caCertificate()));
        identity.installCertificateChain(pki.signRequest(identity.certificateSigningRequest(), gatewayId));
        this.broker = Brokers.start(BrokerSetup.of(dir.resolve("broker"), pki));
        this.outbox = new OutboxEngine(OutboxSettings.defaults(dir.resolve("outbox.db")), Clock.systemUTC(),
                () -> audit);
        GatewayIdentity gateway = new GatewayIdentity() {
            @Override
            public String gatewayId() {
                return identity.gatewayId();
            }

            @Override
            public List<X509Certificate> certificateChain() {
                return identity.signingKey().chain();
            }

            @Override
            public X509KeyManager tlsKeyManager() {
                return identity.tlsKeyManager();
            }
        };
        UplinkSettings settings = UplinkSettings.of(List.of(BrokerEndpoint.parse(broker.url())), SITE, WARD,
                pki.writeCaPem(dir.resolve("anchors.pem"))).withTiming(Duration.ofSeconds(5), Duration.ofMillis(100),
                        Duration.ofSeconds(1));
        this.uplink = UplinkEngine.create(settings, outbox, gateway, () -> audit).start();
        Sealer sealer = admitted -> { };
        this.policy = new PolicyEngine(PolicySettings.DEFAULTS, ALLOWLIST, audit, sealer,
                json -> Files.writeString(dir.resolve("allowlist.json"), json, StandardCharsets.UTF_8),
                Clock.systemUTC(), System::nanoTime, task -> new Thread(task, "test-handoff"));
        Es256Signer signer = Es256Signer.randomized(new SecureRandom());
        Operations.Services services = new Operations.Services(() -> gateway, () -> policy, () -> outbox,
                () -> uplink, () -> auditFile, () -> Map.of("io.wardgate.manage", "0.1.0 active"), () -> identity,
                uplink.channel()::reconnect);
        this.manage = new ManageService(uplink.channel(), payload -> {
            SigningKey key = identity.signingKey();
            return SignedMessage.sign(payload, key.privateKey(), key.publicKey(), key.chain(), signer);
        }, new TrustedKeyFile(managementKey.writeCertificatePem(dir.resolve("management.pem"))),
                KeyStatus.checkedBy(new RevocationChecker(RevocationSettings.inMemory(), List.of(), Clock.systemUTC()),
                        Clock.systemUTC()),
                new NonceStore(dir.resolve("nonces"), 1000), audit, contributed.over(withSections(Operations.of(services))),
                new Uploads(dir.resolve("uploads"), new Uploads.Limits(4L << 20, 2, Duration.ofMinutes(5)),
                        Clock.systemUTC()),
                new ManageService.Settings(gatewayId, Duration.ofMinutes(5), 65_536), Clock.systemUTC()).start();
        await().atMost(Duration.ofSeconds(20)).until(() -> uplink.status().connected());
        pki.writeCaPem(dir.resolve("ca.pem"));
        adminTls.writePkcs12(dir.resolve("admin.p12"), ADMIN_PASSWORD);
        Files.writeString(dir.resolve("admin.pass"), new String(ADMIN_PASSWORD) + "\n", StandardCharsets.UTF_8);
        managementKey.writeKeyPem(dir.resolve("mgmt-key.pem"));
        managementKey.writeCertificatePem(dir.resolve("mgmt-cert.pem"));
    }

    /** One approved serial monitor in group icu-monitors; the same shape as the policy module's tests. */
    static final String ALLOWLIST = """
            {
              "format": "wardgate-allowlist/1",
              "groups": [
                {"name": "icu-monitors", "metrics": [150456, 149530],
                 "maxReadingsPerSecond": 10, "burst": 10, "bondingRequired": true,
                 "topicSuffix": "vitals", "backendKeyId": "backend-2026", "priority": 7}
              ],
              "devices": [
                {"group": "icu-monitors", "transport": "serial", "address": "/dev/wardgate/bed-12",
                 "model": "MX450", "serialNumber": "DE12345678", "approvedBy": "user:setup",
                 "approvedAt": "2026-03-01T09:00:00Z"}
              ],
              "denied": []
            }
            """;

    public static TestGateway start(Path dir, String gatewayId) throws Exception {
        return new TestGateway(dir, gatewayId);
    }

    /** Also starts a real Felix (SCR, ConfigAdmin, Metatype, fixture components) and offers config.*. */
    public static TestGateway startWithConfiguration(Path dir, String gatewayId) throws Exception {
        TestGateway gateway = new TestGateway(dir, gatewayId);
        gateway.felix = EmbeddedFelix.start(dir.resolve("felix"));
        gateway.contribute(List.of("config.list", "config.get", "config.put"),
                new ConfigOperations(gateway.felix.context(), gateway.felix.service(ConfigurationAdmin.class),
                        gateway.felix.service(MetaTypeService.class), gateway.felix.service(ServiceComponentRuntime.class),
                        gateway.audit, Duration.ofSeconds(10), 16));
        return gateway;
    }

    public EmbeddedFelix felix() {
        return felix;
    }

    /** Offers a status section, as another bundle's StatusContribution service would be. */
    public void contributeStatus(String name, StatusContribution contribution) {
        sections.add(contribution, Map.of(StatusContribution.NAME, name));
    }

    private Map<String, ManagementOperation> withSections(Map<String, ManagementOperation> builtIn) {
        Map<String, ManagementOperation> out = new java.util.LinkedHashMap<>(builtIn);
        out.put("status", sections.around(builtIn.get("status")));
        return out;
    }

    /** Offers a contributed operation, as another bundle's ManagementOperation service would be. */
    public void contribute(String name, ManagementOperation operation) {
        contribute(List.of(name), operation);
    }

    public void contribute(List<String> names, ManagementOperation operation) {
        contributed.add(operation, Map.of(ManagementOperation.OPERATION, names.toArray(new String[0])));
    }

    /** An AdminClient as IT runs it, from the files written to {@link #dir()}. */
    public AdminClient client() throws IOException {
        List<X509Certificate> anchors = AdminKeys.certificates(dir.resolve("ca.pem"));
        return AdminClient.connect(new AdminClient.Settings(broker.url(), SITE, WARD,
                AdminKeys.tls(dir.resolve("admin.p12"), ADMIN_PASSWORD, anchors),
                AdminKeys.privateKey(dir.resolve("mgmt-key.pem")), AdminKeys.publicKey(dir.resolve("mgmt-cert.pem")),
                anchors, "alice@hospital", Duration.ofSeconds(20), Duration.ofSeconds(120)), progress::add);
    }

    /** The command-line options that reach this gateway (without the operation). */
    public List<String> cliOptions() {
        return List.of("--broker", broker.url(), "--site", SITE, "--ward", WARD, "--gateway", gatewayId, "--ca",
                dir.resolve("ca.pem").toString(), "--tls-p12", dir.resolve("admin.p12").toString(),
                "--tls-password-file", dir.resolve("admin.pass").toString(), "--key",
                dir.resolve("mgmt-key.pem").toString(), "--key-cert", dir.resolve("mgmt-cert.pem").toString(),
                "--requester", "alice@hospital", "--timeout", "20");
    }

    /** wardgate/site/ward/gatewayId/ */
    public String topicPrefix() {
        return "wardgate/" + SITE + "/" + WARD + "/" + gatewayId + "/";
    }

    /** A client with IT's broker rights (CN wardgate-admin) seeing every reply this gateway publishes. */
    public io.wardgate.testkit.TestSubscriber replies(String clientId) {
        return io.wardgate.testkit.TestSubscriber.connect(broker.url(), clientId,
                io.wardgate.testkit.TestTls.context(adminTls, pki.caCertificate()), topicPrefix() + "manage/reply/#");
    }

    public Path dir() {
        return dir;
    }

    public TestPki pki() {
        return pki;
    }

    public String gatewayId() {
        return gatewayId;
    }

    public MqttBroker broker() {
        return broker;
    }

    public RecordingAuditTrail recorded() {
        return recorded;
    }

    IdentityStore identity() {
        return identity;
    }

    UplinkEngine uplink() {
        return uplink;
    }

    PolicyEngine policy() {
        return policy;
    }

    FileAuditTrail auditFile() {
        return auditFile;
    }

    @Override
    public void close() throws Exception {
        manage.close();
        if (felix != null) {
            felix.close();
        }
        uplink.close();
        policy.close();
        outbox.close();
        broker.close();
        auditFile.close();
    }

}
