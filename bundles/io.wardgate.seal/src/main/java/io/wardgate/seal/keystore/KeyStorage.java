package io.wardgate.seal.keystore;

import io.wardgate.seal.envelope.Es256Signer;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * Where the gateway's private keys live: the one seam between the identity and a PKCS#12 file or a
 * PKCS#11 token (an HSM-style token, or a TPM 2.0 through tpm2-pkcs11). Keys are made inside the storage
 * and stay there; the identity sees handles, signs through {@link #signer()}, and hands the same handles
 * to the JSSE for TLS client authentication. Entries are named by alias; every change is durable when the
 * method returns. Errors are IllegalStateException with a reason fit for the operator, never a secret.
 */
public interface KeyStorage extends AutoCloseable {

    /** Where the keys are, for logs and {@code wardgate check}: never a PIN or password. */
    KeyLocation location();

    /** A new EC P-256 key pair made inside the storage (for a token: sensitive, not extractable). */
    KeyPair generate();

    boolean contains(String alias);

    /** The private key (or its handle in the token) stored under {@code alias}. */
    PrivateKey privateKey(String alias);

    /** The certificate chain stored with the key, leaf first. */
    List<X509Certificate> chain(String alias);

    /** Stores (or replaces) {@code alias}; a key already in this storage under another alias is renamed. */
    void put(String alias, PrivateKey key, List<X509Certificate> chain);

    /** Deletes the entry and its key (a token destroys the key object). */
    void delete(String alias);

    /** ES256 with this storage's keys (in the token, for a token). */
    Es256Signer signer();

    /** The provider that can use this storage's keys (for CSRs and certificates), empty for software keys. */
    Optional<Provider> provider();

    /**
     * A wrapping key {@code alias} in this storage, made on first use. Empty for a file: it has no place
     * safer than the file system, so a data key is kept there as it is (said by {@code wardgate check}).
     */
    default Optional<KeyWrap> wrapping(String alias) {
        return Optional.empty();
    }

    /** Releases the token's provider; nothing for a file. */
    @Override
    void close();
}
