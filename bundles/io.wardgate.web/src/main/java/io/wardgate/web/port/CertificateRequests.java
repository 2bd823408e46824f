package io.wardgate.web.port;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Makes a PKCS#10 certificate signing request for the gateway's key (seal bundle). Without it,
 * the UI signs a renewal request through {@code GatewayIdentity.tlsKeyManager()}, which needs an
 * installed certificate to know the public key.
 */
@ConsumerType
public interface CertificateRequests {

    /** A DER-encoded PKCS#10 request for the gateway's current key, subject CN = the gateway id. */
    byte[] certificationRequest();
}
