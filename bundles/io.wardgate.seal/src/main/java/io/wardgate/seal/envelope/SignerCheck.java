package io.wardgate.seal.envelope;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Decides whether the signer of an envelope is trusted, and with which public key to verify its
 * signature. The receiver's implementation trusts gateway certificates issued by the configured
 * CA, and checks that the certificate names the gateway the tags name.
 */
@ConsumerType
@FunctionalInterface
public interface SignerCheck {

    /**
     * @param tags the envelope's routing tags (the claimed gateway)
     * @param kid the signer's key id (SHA-256 of its SubjectPublicKeyInfo)
     * @param chain the certificate chain the envelope carries, leaf first; may be empty
     */
    Verdict check(SealTags tags, byte[] kid, List<X509Certificate> chain);

    /** Trusted with {@code key}, or not trusted for {@code problem}. */
    record Verdict(PublicKey key, String problem) {
        public Verdict {
            if ((key == null) == (problem == null)) {
                throw new IllegalArgumentException("either a key or a problem");
            }
        }

        public static Verdict trusted(PublicKey key) {
            return new Verdict(Objects.requireNonNull(key, "key"), null);
        }

        public static Verdict untrusted(String problem) {
            return new Verdict(null, Objects.requireNonNull(problem, "problem"));
        }

        public boolean isTrusted() {
            return key != null;
        }
    }
}
