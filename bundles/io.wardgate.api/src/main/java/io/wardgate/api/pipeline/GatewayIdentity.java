package io.wardgate.api.pipeline;

import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.X509KeyManager;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The gateway's own identity: its id, and its key and certificate for mutual TLS. The private key
 * never leaves the key manager.
 */
@ProviderType
public interface GatewayIdentity {

    /** The gateway id, e.g. "wg-0a1b2c3d"; 1 to 64 letters, digits, '.', '_' or '-'. */
    String gatewayId();

    /** The certificate chain, leaf first; empty until a certificate has been installed. */
    List<X509Certificate> certificateChain();

    /** Hands the TLS client key and chain to JSSE. */
    X509KeyManager tlsKeyManager();
}
