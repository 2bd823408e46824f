package io.wardgate.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509KeyManager;

/**
 * A certificate issued by a {@link TestPki} with its private key and chain (leaf first, CA last).
 */
public record Issued(X509Certificate certificate, PrivateKey key, List<X509Certificate> chain) {
    public Issued {
        chain = List.copyOf(chain);
    }

    /** Writes the leaf certificate (only) as PEM. */
    public Path writeCertificatePem(Path file) {
        Pem.writeCertificates(file, List.of(certificate));
        return file;
    }

    /** Writes the key as unencrypted PKCS#8 PEM. */
    public Path writeKeyPem(Path file) {
        Pem.writePrivateKey(file, key);
        return file;
    }

    /** A PKCS#12 key store holding this key and chain under the alias "key". */
    public KeyStore keyStore(char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("key", key, password, chain.toArray(X509Certificate[]::new));
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make a PKCS#12 store", e);
        }
    }

    public Path writePkcs12(Path file, char[] password) {
        try (OutputStream out = Files.newOutputStream(file)) {
            keyStore(password).store(out, password);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JSSE key manager presenting this key and chain. */
    public X509KeyManager keyManager() {
        try {
            // The store lives only inside this method; its password protects nothing.
            char[] password = java.util.HexFormat.of().formatHex(new java.security.SecureRandom().generateSeed(8)).toCharArray();
            KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX");
            factory.init(keyStore(password), password);
            return (X509KeyManager) factory.getKeyManagers()[0];
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a key manager", e);
        }
    }
}
