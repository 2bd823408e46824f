package io.wardgate.seal.envelope;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * The gateway's signing key (EC P-256), its public key, and its certificate chain (leaf first;
 * empty before a certificate is installed). The kid is the SHA-256 of the public key's
 * SubjectPublicKeyInfo.
 */
public record SigningKey(PrivateKey privateKey, PublicKey publicKey, List<X509Certificate> chain) {
    public SigningKey {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(publicKey, "publicKey");
        chain = List.copyOf(chain);
        if (!chain.isEmpty() && !chain.get(0).getPublicKey().equals(publicKey)) {
            throw new IllegalArgumentException("the certificate is not for this key");
        }
    }

    public byte[] kid() {
        return KeyIds.kid(publicKey);
    }

    @Override
    public String toString() {
        return "SigningKey[kid=" + KeyIds.hex(kid()) + ", chain=" + chain.size() + "]";
    }
}
