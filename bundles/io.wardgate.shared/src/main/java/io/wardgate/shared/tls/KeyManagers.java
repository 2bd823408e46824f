package io.wardgate.shared.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509KeyManager;

/**
 * Client key managers from a PKCS#12 file, from a key and its chain (both stay in memory only), or from a
 * source asked at every handshake (a key that lives in a token, or one that a rotation replaces).
 */
public final class KeyManagers {
    private KeyManagers() {
    }

    /** The key and chain of a PKCS#12 file; a wrong password is an error that names the file, never the password. */
    public static X509KeyManager pkcs12(Path file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        } catch (IOException e) {
            throw new IOException(file + ": unreadable PKCS#12 or wrong password", e);
        }
        return from(store, password);
    }

    /** A key manager presenting {@code key} with {@code chain} (leaf first). */
    public static X509KeyManager of(PrivateKey key, List<X509Certificate> chain) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot create an in-memory key store", e);
        }
        char[] password = new char[0];
        store.setKeyEntry("client", key, password, chain.toArray(new X509Certificate[0]));
        return from(store, password);
    }

    /**
     * A key manager that asks {@code current} at every handshake, so a reconnect after a rotation presents the
     * new key, and a key held by a PKCS#11 token or a TPM (not extractable) is used in place: it is never put
     * into a KeyStore. Offers nothing while {@code current} answers null, and only to servers accepting EC keys.
     */
    public static X509KeyManager current(Supplier<ClientKey> current) {
        return new CurrentKeyManager(Objects.requireNonNull(current, "current"));
    }

    private static X509KeyManager from(KeyStore store, char[] password) throws GeneralSecurityException {
        KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX");
        factory.init(store, password);
        for (KeyManager manager : factory.getKeyManagers()) {
            if (manager instanceof X509KeyManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("the JDK has no X.509 key manager");
    }
}
