package io.wardgate.seal.admin;

import java.security.cert.X509Certificate;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Enrollment and key management of the gateway's identity, for the admin UI and remote management.
 * Every method is safe to call at any time; a refused input throws IllegalArgumentException with a
 * reason fit for the operator (never key material).
 */
@ProviderType
public interface IdentityAdmin {

    /** A PKCS#10 request (PEM) for the key awaiting a certificate: the pending key during rotation, else the active one. */
    String certificateSigningRequest();

    /**
     * Starts a key rotation: makes a new key pair (kept apart, unused) and returns its PKCS#10
     * request. The active key signs until the new key's certificate is installed. Calling it again
     * replaces the pending key.
     */
    String beginRotation();

    /**
     * Installs a certificate chain (leaf first) issued for the pending or the active key. It must
     * chain to an installed trust anchor and name the gateway id as its CN. Installing the pending
     * key's chain completes a rotation: the new key becomes active, the old private key is erased.
     */
    void installCertificateChain(List<X509Certificate> chain);

    /** The CA certificates installed as trust anchors (for the gateway's and the backend's certificates). */
    List<X509Certificate> trustAnchors();

    /** Replaces the CA certificates that gateway (and backend) certificates must chain to. */
    void installTrustAnchors(List<X509Certificate> anchors);

    /**
     * Installs the backend's encryption certificate under {@code keyId} (the routes' backendKeyId).
     * It must chain to an installed trust anchor and hold an EC P-256 key.
     */
    void installBackendKey(String keyId, X509Certificate certificate);

    /** Whether a rotation is waiting for its certificate. */
    boolean rotationPending();
}
