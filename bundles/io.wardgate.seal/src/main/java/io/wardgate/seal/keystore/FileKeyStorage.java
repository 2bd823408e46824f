package io.wardgate.seal.keystore;

import io.wardgate.seal.envelope.Es256Signer;
import io.wardgate.seal.identity.Certificates;
import io.wardgate.shared.files.DurableFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.spec.PBEParameterSpec;

/**
 * Keys in {@code identity.p12} (PKCS#12, PBES2 AES-256, PBKDF2-HMAC-SHA-256) with its password in
 * {@code identity.pass} (32 random bytes, generated on first start), both 0600 in the 0700 identity
 * directory. Whoever reads the directory has the keys: {@code wardgate check} says so.
 */
public final class FileKeyStorage implements KeyStorage {
    public static final String STORE = "identity.p12";
    public static final String PASSWORD = "identity.pass";

    private final Path directory;
    private final SecureRandom random;
    private final char[] password;
    private final KeyStore keyStore;

    private FileKeyStorage(Path directory, SecureRandom random, char[] password, KeyStore keyStore) {
        this.directory = directory;
        this.random = random;
        this.password = password;
        this.keyStore = keyStore;
    }

    /** Opens (or creates, empty) the key store in {@code directory}, which must exist (0700). */
    public static FileKeyStorage open(Path directory, SecureRandom random) throws IOException {
        Path passFile = directory.resolve(PASSWORD);
        if (!Files.exists(passFile)) {
            byte[] secret = new byte[32];
            random.nextBytes(secret);
            DurableFiles.writePrivate(passFile, Base64.getEncoder().encode(secret));
        }
        char[] password = new String(Files.readAllBytes(passFile), StandardCharsets.US_ASCII).trim().toCharArray();
        try {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            Path storeFile = directory.resolve(STORE);
            if (Files.exists(storeFile)) {
                keyStore.load(new ByteArrayInputStream(Files.readAllBytes(storeFile)), password);
            } else {
                keyStore.load(null, password);
            }
            return new FileKeyStorage(directory, random, password, keyStore);
        } catch (GeneralSecurityException e) {
            throw new IOException("the keystore in " + directory + " cannot be opened", e);
        }
    }

    @Override
    public KeyLocation location() {
        return KeyLocation.file();
    }

    @Override
    public KeyPair generate() {
        return Certificates.newKeyPair(random);
    }

    @Override
    public synchronized boolean contains(String alias) {
        try {
            return keyStore.containsAlias(alias);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized PrivateKey privateKey(String alias) {
        try {
            return (PrivateKey) keyStore.getKey(alias, password);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the keystore does not give out its key", e);
        }
    }

    @Override
    public synchronized List<X509Certificate> chain(String alias) {
        try {
            return Arrays.stream(keyStore.getCertificateChain(alias)).map(X509Certificate.class::cast).toList();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void put(String alias, PrivateKey key, List<X509Certificate> chain) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        try {
            // Explicit PBES2 (PBKDF2-HMAC-SHA-256, AES-256) rather than whatever the JDK defaults to. The
            // password is 256 random bits, so the iteration count adds nothing against guessing: the
            // JDK default of 10,000 keeps a Pi's start fast.
            keyStore.setEntry(alias, new KeyStore.PrivateKeyEntry(key, chain.toArray(new Certificate[0])),
                    new KeyStore.PasswordProtection(password, "PBEWithHmacSHA256AndAES_256",
                            new PBEParameterSpec(salt, 10_000)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot store the key", e);
        }
        save();
    }

    @Override
    public synchronized void delete(String alias) {
        try {
            keyStore.deleteEntry(alias);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        save();
    }

    @Override
    public Es256Signer signer() {
        return Es256Signer.randomized(random);
    }

    @Override
    public Optional<Provider> provider() {
        return Optional.empty();
    }

    @Override
    public void close() {
        // Nothing held open: the file is written at every change.
    }

    private void save() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            keyStore.store(out, password);
            DurableFiles.writePrivate(directory.resolve(STORE), out.toByteArray());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot write the keystore", e);
        }
    }
}
