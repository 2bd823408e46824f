package io.wardgate.web.port;

import java.security.cert.X509Certificate;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Installs what the hospital PKI returns (seal bundle): the gateway's signed certificate chain and
 * the CA certificates it trusts. A refusal (a chain not for the gateway's key, an anchor that is
 * not a CA) is an {@link IllegalArgumentException} whose message is shown to the user.
 */
@ConsumerType
public interface IdentityInstall {
    /** The gateway's certificate first, then its issuers; for the gateway's current (or rotating) key. */
    void installCertificateChain(List<X509Certificate> chain);

    /** Replaces the trust anchors (CA certificates) of the broker connection and the management channel. */
    void installTrustAnchors(List<X509Certificate> anchors);
}
