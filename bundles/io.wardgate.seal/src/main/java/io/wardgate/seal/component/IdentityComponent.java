package io.wardgate.seal.component;

import io.wardgate.api.DataDirectory;
import org.osgi.framework.BundleContext;
import io.wardgate.api.pipeline.GatewayIdentity;
import io.wardgate.seal.admin.GatewaySigner;
import io.wardgate.seal.admin.IdentityAdmin;
import io.wardgate.seal.envelope.Es256Signer;
import io.wardgate.seal.envelope.SignedMessage;
import io.wardgate.seal.envelope.SigningKey;
import io.wardgate.seal.identity.IdentityStore;
import io.wardgate.seal.keystore.KeyLocation;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.net.ssl.X509KeyManager;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway identity as a service: GatewayIdentity for the uplink's TLS, IdentityAdmin for
 * enrollment and rotation, and itself for the sealer in this bundle.
 */
@Component(configurationPid = IdentityComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = {GatewayIdentity.class, IdentityAdmin.class, GatewaySigner.class, IdentityComponent.class})
@Designate(ocd = IdentityConfig.class)
public final class IdentityComponent implements GatewayIdentity, IdentityAdmin, GatewaySigner {
    public static final String PID = "io.wardgate.seal.Identity";
    private static final Logger LOG = LoggerFactory.getLogger(IdentityComponent.class);

    private final IdentityStore store;
    private final Es256Signer signer;

    @Activate
    public IdentityComponent(BundleContext context, IdentityConfig config) throws IOException {
        this(context.getProperty(DataDirectory.PROPERTY), config);
    }

    IdentityComponent(String dataDirectory, IdentityConfig config) throws IOException {
        KeyLocation location = KeyLocation.of(config.keyStorage(), config.pkcs11Module(), config.pkcs11Slot(),
                config.pkcs11SlotIndex(), config.pkcs11PinFile());
        this.store = IdentityStore.open(DataDirectory.resolve(dataDirectory, config.keyDirectory()),
                config.gatewayId(), location, new SecureRandom(), Clock.systemUTC());
        this.signer = store.signer();
        LOG.info("Gateway identity {} ready (keys: {}; certificate installed: {})", store.gatewayId(),
                location.describe(), !store.signingKey().chain().isEmpty());
    }

    @Deactivate
    void deactivate() {
        store.close();
    }

    IdentityStore store() {
        return store;
    }

    @Override
    public String gatewayId() {
        return store.gatewayId();
    }

    @Override
    public List<X509Certificate> certificateChain() {
        return store.signingKey().chain();
    }

    @Override
    public X509KeyManager tlsKeyManager() {
        return store.tlsKeyManager();
    }

    @Override
    public byte[] sign(Map<String, ?> payload) {
        SigningKey key = store.signingKey();
        return SignedMessage.sign(payload, key.privateKey(), key.publicKey(), key.chain(), signer);
    }

    @Override
    public String certificateSigningRequest() {
        return store.certificateSigningRequest();
    }

    @Override
    public String beginRotation() {
        String csr = store.beginRotation();
        LOG.info("Key rotation started for {}: the new key waits for its certificate", store.gatewayId());
        return csr;
    }

    @Override
    public void installCertificateChain(List<X509Certificate> chain) {
        store.installCertificateChain(chain);
        LOG.info("Certificate installed for {}", store.gatewayId());
    }

    @Override
    public List<X509Certificate> trustAnchors() {
        return store.trustAnchors();
    }

    @Override
    public void installTrustAnchors(List<X509Certificate> anchors) {
        store.installTrustAnchors(anchors);
        LOG.info("{} trust anchor(s) installed", anchors.size());
    }

    @Override
    public void installBackendKey(String keyId, X509Certificate certificate) {
        store.installBackendKey(keyId, certificate);
        LOG.info("Backend key '{}' installed", keyId);
    }

    @Override
    public boolean rotationPending() {
        return store.rotationPending();
    }
}
