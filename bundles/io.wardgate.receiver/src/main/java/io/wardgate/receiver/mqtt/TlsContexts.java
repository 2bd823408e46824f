package io.wardgate.receiver.mqtt;

import io.wardgate.shared.tls.KeyManagers;
import io.wardgate.shared.tls.RevocationChecker;
import io.wardgate.shared.tls.RevocationSettings;
import io.wardgate.shared.tls.TlsPolicy;
import io.wardgate.shared.tls.TrustAnchors;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLSocketFactory;

/**
 * Mutual TLS for the receiver's broker connection, by WardGate's one TLS policy (io.wardgate.shared.tls): our
 * client certificate from a PKCS#12 file, the broker checked against the configured CA only (never the
 * system trust store) and for revocation, TLS 1.3 (1.2 only with ECDHE + AEAD suites when allowed), the
 * broker's host name verified on every socket.
 */
public final class TlsContexts {
    private TlsContexts() {
    }

    /** TLS 1.3 only, revocation checked with fetched CRLs kept in memory. */
    public static SSLSocketFactory socketFactory(Path clientP12, char[] password, Path brokerCaPem)
            throws IOException, GeneralSecurityException {
        return socketFactory(clientP12, password, brokerCaPem,
                new RevocationChecker(RevocationSettings.inMemory(), Clock.systemUTC()), TlsPolicy.strict());
    }

    public static SSLSocketFactory socketFactory(Path clientP12, char[] password, Path brokerCaPem,
            RevocationChecker revocation, TlsPolicy policy) throws IOException, GeneralSecurityException {
        KeyManager[] keys = {KeyManagers.pkcs12(clientP12, password)};
        return policy.clientSocketFactory(TlsPolicy.context(keys,
                TrustAnchors.trustManagers(TrustAnchors.read(brokerCaPem), revocation)));
    }
}
