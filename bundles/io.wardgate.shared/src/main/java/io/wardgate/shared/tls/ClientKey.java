package io.wardgate.shared.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A TLS client key and its chain (leaf first). The key may be a handle into a token (PKCS#11, TPM): it is
 * never copied or encoded, only handed to the JSSE for the handshake's signature.
 */
public record ClientKey(PrivateKey key, List<X509Certificate> chain) {
    public ClientKey {
        Objects.requireNonNull(key, "key");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a client key needs its certificate");
        }
    }
}
