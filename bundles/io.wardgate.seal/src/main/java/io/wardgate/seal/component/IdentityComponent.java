package io.wardgate.seal.component;

import io.wardgate.api.DataDirectory;
import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.api.pipeline.AuditTrail;
import io.wardgate.api.pipeline.GatewayIdentity;
import io.wardgate.seal.admin.GatewaySigner;
import io.wardgate.seal.admin.IdentityAdmin;
import io.wardgate.seal.envelope.Es256Signer;
import io.wardgate.seal.envelope.SignedMessage;
import io.wardgate.seal.envelope.SigningKey;
import io.wardgate.seal.identity.IdentityStore;
import io.wardgate.seal.keystore.KeyLocation;
import io.wardgate.seal.keystore.KeyStorageUnavailableException;
import io.wardgate.shared.tls.ClientKey;
import io.wardgate.shared.tls.KeyManagers;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javax.net.ssl.X509KeyManager;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway identity as a service: GatewayIdentity for the uplink's TLS, IdentityAdmin for
 * enrollment and rotation, and itself for the sealer in this bundle. With the keys in a token the
 * service is there even while the token is not (absent, gone, PIN refused): TLS offers no key, the sealer
 * keeps its batches, and enrollment says why it cannot proceed, until the token answers again.
 */
@Component(configurationPid = IdentityComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = {GatewayIdentity.class, IdentityAdmin.class, GatewaySigner.class, IdentityComponent.class})
@Designate(ocd = IdentityConfig.class)
public final class IdentityComponent implements GatewayIdentity, IdentityAdmin, GatewaySigner {
    public static final String PID = "io.wardgate.seal.Identity";
    private static final Logger LOG = LoggerFactory.getLogger(IdentityComponent.class);

    private final String gatewayId;
    private final Path directory;
    private final KeyLocation location;
    private final KeyAvailability keys;
    /** Audit events from before the audit trail was bound (the first open runs at activation or just after). */
    private final List<AuditEvent> held = new ArrayList<>();
    private AuditTrail audit;

    @Activate
    public IdentityComponent(BundleContext context, IdentityConfig config) throws IOException {
        this(context.getProperty(DataDirectory.PROPERTY), config, Clock.systemUTC(), IdentityComponent::openOnOwnThread);
    }

    /** Opens a key file before it returns (tests). */
    IdentityComponent(String dataDirectory, IdentityConfig config, Clock clock) throws IOException {
        this(dataDirectory, config, clock, Runnable::run);
    }

    /**
     * @param opening where a key file is opened: its PBKDF2 derivations run beside the framework's start
     *     (the uplink and the sealer wait for them only when they first need the key or its certificate)
     */
    IdentityComponent(String dataDirectory, IdentityConfig config, Clock clock, Executor opening) throws IOException {
        this.location = KeyLocation.of(config.keyStorage(), config.pkcs11Module(), config.pkcs11Slot(),
                config.pkcs11SlotIndex(), config.pkcs11PinFile());
        this.directory = DataDirectory.resolve(dataDirectory, config.keyDirectory());
        SecureRandom random = new SecureRandom();
        this.gatewayId = IdentityStore.gatewayId(directory, config.gatewayId(), random);
        this.keys = new KeyAvailability(() -> IdentityStore.open(directory, gatewayId, location, random, clock),
                location, clock, this::record);
        if (location.kind() == KeyLocation.Kind.FILE) {
            // A file that cannot be opened is said and audited there (KEY_STORAGE_UNAVAILABLE), and tried
            // again every 30 s like a token; nothing is sealed or sent with it meanwhile.
            keys.openAhead(opening, this::opened);
        } else {
            try {
                keys.current();
            } catch (KeyStorageUnavailableException e) {
                // Said and audited by KeyAvailability; the service stays up and tries again.
            }
            opened();
        }
    }

    private static void openOnOwnThread(Runnable open) {
        Thread thread = new Thread(open, "wardgate-identity-open");
        thread.setDaemon(true);
        thread.start();
    }

    private void opened() {
        LOG.info("Gateway identity {} (keys: {}; certificate installed: {})", gatewayId, location.describe(),
                !certificateChain().isEmpty());
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    synchronized void bindAudit(AuditTrail trail) {
        audit = trail;
        trail.gatewayIdentified(gatewayId);
        held.forEach(trail::record);
        held.clear();
    }

    synchronized void unbindAudit(AuditTrail trail) {
        if (audit == trail) {
            audit = null;
        }
    }

    /** Records an event of this bundle (held until the audit trail is bound). */
    void audit(AuditEvent event) {
        record(event);
    }

    private synchronized void record(AuditEvent event) {
        if (audit != null) {
            audit.record(event);
        } else if (held.size() < 100) {
            held.add(event);
        }
    }

    @Deactivate
    void deactivate() {
        keys.close();
    }

    /** Where the keys live. */
    public KeyLocation keyLocation() {
        return location;
    }

    /** The identity's directory (its id, key file or token settings, the secrets key). */
    Path keyDirectory() {
        return directory;
    }

    /** The open store, or KeyStorageUnavailableException (the sealer waits and tries again). */
    IdentityStore store() {
        return keys.current();
    }

    /** Signs where the keys live; a token that stops answering is closed and reopened later. */
    Es256Signer signer() {
        return (key, data) -> use(store -> store.signer().sign(key, data));
    }

    private <T> T use(Function<IdentityStore, T> action) {
        IdentityStore store = keys.current();
        try {
            return action.apply(store);
        } catch (KeyStorageUnavailableException e) {
            keys.lost(store, e);
            throw e;
        }
    }

    @Override
    public String gatewayId() {
        return gatewayId;
    }

    @Override
    public List<X509Certificate> certificateChain() {
        return keys.ifOpen().map(store -> store.signingKey().chain()).orElse(List.of());
    }

    @Override
    public X509KeyManager tlsKeyManager() {
        return KeyManagers.current(() -> {
            try {
                SigningKey key = keys.current().signingKey();
                return key.chain().isEmpty() ? null : new ClientKey(key.privateKey(), key.chain());
            } catch (KeyStorageUnavailableException e) {
                return null;
            }
        });
    }

    @Override
    public byte[] sign(Map<String, ?> payload) {
        return use(store -> {
            SigningKey key = store.signingKey();
            return SignedMessage.sign(payload, key.privateKey(), key.publicKey(), key.chain(), store.signer());
        });
    }

    @Override
    public String certificateSigningRequest() {
        return use(IdentityStore::certificateSigningRequest);
    }

    @Override
    public String beginRotation() {
        String csr = use(IdentityStore::beginRotation);
        LOG.info("Key rotation started for {}: the new key waits for its certificate", gatewayId);
        return csr;
    }

    @Override
    public void installCertificateChain(List<X509Certificate> chain) {
        use(store -> {
            store.installCertificateChain(chain);
            return null;
        });
        LOG.info("Certificate installed for {}", gatewayId);
    }

    @Override
    public List<X509Certificate> trustAnchors() {
        return use(IdentityStore::trustAnchors);
    }

    @Override
    public void installTrustAnchors(List<X509Certificate> anchors) {
        use(store -> {
            store.installTrustAnchors(anchors);
            return null;
        });
        LOG.info("{} trust anchor(s) installed", anchors.size());
    }

    @Override
    public void installBackendKey(String keyId, X509Certificate certificate) {
        use(store -> {
            store.installBackendKey(keyId, certificate);
            return null;
        });
        LOG.info("Backend key '{}' installed", keyId);
    }

    @Override
    public boolean rotationPending() {
        return use(IdentityStore::rotationPending);
    }
}
