package io.wardgate.seal.identity;

import io.wardgate.seal.admin.IdentityAdmin;
import io.wardgate.seal.envelope.RecipientKey;
import io.wardgate.seal.envelope.SigningKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.spec.PBEParameterSpec;
import javax.net.ssl.X509KeyManager;

/**
 * The gateway's identity on disk, in a 0700 directory of 0600 files:
 * <ul>
 * <li>{@code gateway-id}: the id (configured, or generated once: "wg-" and 8 random hex digits)</li>
 * <li>{@code identity.p12}: PKCS#12 (PBES2 AES-256, PBKDF2-HMAC-SHA-256) holding the active key
 * and, during a rotation, the pending key, each with its chain</li>
 * <li>{@code identity.pass}: the keystore's password, 32 random bytes, generated on first start</li>
 * <li>{@code trust-anchors.pem}, {@code backend-<keyId>.pem}: CA certificates, backend keys</li>
 * </ul>
 * A key pair is generated on first start, on the unit: no key is ever shipped. Plain Java, no OSGi.
 */
public final class IdentityStore implements IdentityAdmin {
    static final String ACTIVE = "active";
    static final String PENDING = "pending";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final Path directory;
    private final SecureRandom random;
    private final Clock clock;
    private final String gatewayId;
    private final char[] password;
    private final KeyStore keyStore;
    private volatile SigningKey active;
    private volatile List<X509Certificate> anchors;
    /** Backend keys read from their files, dropped when one is installed; the sealer asks per batch. */
    private final java.util.concurrent.ConcurrentHashMap<String, Optional<RecipientKey>> backendKeys =
            new java.util.concurrent.ConcurrentHashMap<>();

    private IdentityStore(Path directory, SecureRandom random, Clock clock, String gatewayId, char[] password,
            KeyStore keyStore) {
        this.directory = directory;
        this.random = random;
        this.clock = clock;
        this.gatewayId = gatewayId;
        this.password = password;
        this.keyStore = keyStore;
    }

    /**
     * Opens the identity in {@code directory}, creating it (id, password, key pair) on first start.
     *
     * @param configuredId the configured gateway id, or empty to keep (or generate) the stored one
     */
    public static IdentityStore open(Path directory, String configuredId, SecureRandom random, Clock clock)
            throws IOException {
        ProtectedFiles.directory(directory);
        String id = gatewayId(directory, configuredId, random);
        Path passFile = directory.resolve("identity.pass");
        if (!Files.exists(passFile)) {
            byte[] secret = new byte[32];
            random.nextBytes(secret);
            ProtectedFiles.write(passFile, Base64.getEncoder().encode(secret));
        }
        char[] password = new String(Files.readAllBytes(passFile), StandardCharsets.US_ASCII).trim().toCharArray();
        try {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            Path storeFile = directory.resolve("identity.p12");
            if (Files.exists(storeFile)) {
                keyStore.load(new ByteArrayInputStream(Files.readAllBytes(storeFile)), password);
            } else {
                keyStore.load(null, password);
            }
            IdentityStore store = new IdentityStore(directory, random, clock, id, password, keyStore);
            if (!keyStore.containsAlias(ACTIVE)) {
                KeyPair pair = Certificates.newKeyPair(random);
                store.setEntry(ACTIVE, pair.getPrivate(),
                        List.of(Certificates.placeholder(pair, id, random, clock)));
                store.save();
            }
            store.anchors = store.readAnchors();
            store.active = store.signingKey(ACTIVE);
            return store;
        } catch (GeneralSecurityException e) {
            throw new IOException("the keystore in " + directory + " cannot be opened", e);
        }
    }

    private static String gatewayId(Path directory, String configuredId, SecureRandom random) throws IOException {
        Path file = directory.resolve("gateway-id");
        if (!configuredId.isEmpty()) {
            if (!ID.matcher(configuredId).matches()) {
                throw new IllegalArgumentException("gateway id must be 1 to 64 letters, digits, '.', '_' or '-'");
            }
            if (!Files.exists(file) || !Files.readString(file).trim().equals(configuredId)) {
                ProtectedFiles.write(file, configuredId.getBytes(StandardCharsets.US_ASCII));
            }
            return configuredId;
        }
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        }
        byte[] suffix = new byte[4];
        random.nextBytes(suffix);
        String generated = "wg-" + HexFormat.of().formatHex(suffix);
        ProtectedFiles.write(file, generated.getBytes(StandardCharsets.US_ASCII));
        return generated;
    }

    public String gatewayId() {
        return gatewayId;
    }

    public Path directory() {
        return directory;
    }

    /** The key the sealer signs with now, with its chain (empty before a certificate is installed). */
    public SigningKey signingKey() {
        return active;
    }

    @Override
    public List<X509Certificate> trustAnchors() {
        return anchors;
    }

    public X509KeyManager tlsKeyManager() {
        return new CurrentKeyManager(this::signingKey);
    }

    /** The backend key installed under {@code keyId}, if any. */
    public Optional<RecipientKey> backendKey(String keyId) {
        if (!ID.matcher(keyId).matches()) {
            return Optional.empty();
        }
        return backendKeys.computeIfAbsent(keyId, this::readBackendKey);
    }

    private Optional<RecipientKey> readBackendKey(String keyId) {
        Path file = directory.resolve("backend-" + keyId + ".pem");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RecipientKey(keyId, Certificates.readPublicKey(Files.readAllBytes(file))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized String certificateSigningRequest() {
        String alias = rotationPending() ? PENDING : ACTIVE;
        return Certificates.csr(keyPair(alias), gatewayId, random);
    }

    @Override
    public synchronized String beginRotation() {
        KeyPair pair = Certificates.newKeyPair(random);
        setEntry(PENDING, pair.getPrivate(), List.of(Certificates.placeholder(pair, gatewayId, random, clock)));
        save();
        return Certificates.csr(pair, gatewayId, random);
    }

    @Override
    public synchronized boolean rotationPending() {
        try {
            return keyStore.containsAlias(PENDING);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void installCertificateChain(List<X509Certificate> chain) {
        List<X509Certificate> copy = List.copyOf(chain);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("the chain is empty");
        }
        X509Certificate leaf = copy.get(0);
        if (!gatewayId.equals(Certificates.commonName(leaf))) {
            throw new IllegalArgumentException("the certificate's CN is not the gateway id " + gatewayId);
        }
        Certificates.validate(copy, anchors, clock.instant());
        if (rotationPending() && leaf.getPublicKey().equals(keyPair(PENDING).getPublic())) {
            PrivateKey next = privateKey(PENDING);
            setEntry(ACTIVE, next, copy);
            deleteEntry(PENDING);
        } else if (leaf.getPublicKey().equals(active.publicKey())) {
            setEntry(ACTIVE, active.privateKey(), copy);
        } else {
            throw new IllegalArgumentException("the certificate is for neither the active nor the pending key");
        }
        save();
        active = signingKey(ACTIVE);
    }

    @Override
    public synchronized void installTrustAnchors(List<X509Certificate> newAnchors) {
        if (newAnchors.isEmpty()) {
            throw new IllegalArgumentException("no trust anchor given");
        }
        write("trust-anchors.pem", Certificates.pem(newAnchors).getBytes(StandardCharsets.US_ASCII));
        anchors = List.copyOf(newAnchors);
    }

    @Override
    public synchronized void installBackendKey(String keyId, X509Certificate certificate) {
        if (!ID.matcher(keyId).matches()) {
            throw new IllegalArgumentException("key id must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        if (!Certificates.isP256(certificate.getPublicKey())) {
            throw new IllegalArgumentException("the backend key must be EC P-256");
        }
        Certificates.validate(List.of(certificate), anchors, clock.instant());
        write("backend-" + keyId + ".pem", Certificates.pem((Object) certificate).getBytes(StandardCharsets.US_ASCII));
        backendKeys.remove(keyId);
    }

    private List<X509Certificate> readAnchors() throws IOException {
        Path file = directory.resolve("trust-anchors.pem");
        return Files.exists(file) ? List.copyOf(Certificates.readCertificates(Files.readAllBytes(file))) : List.of();
    }

    private SigningKey signingKey(String alias) {
        List<X509Certificate> chain = chain(alias);
        List<X509Certificate> issued = Certificates.isPlaceholder(chain.get(0)) ? List.of() : chain;
        return new SigningKey(privateKey(alias), chain.get(0).getPublicKey(), issued);
    }

    private KeyPair keyPair(String alias) {
        return new KeyPair(chain(alias).get(0).getPublicKey(), privateKey(alias));
    }

    private PrivateKey privateKey(String alias) {
        try {
            return (PrivateKey) keyStore.getKey(alias, password);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the keystore does not give out its key", e);
        }
    }

    private List<X509Certificate> chain(String alias) {
        try {
            Certificate[] chain = keyStore.getCertificateChain(alias);
            return Arrays.stream(chain).map(X509Certificate.class::cast).toList();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void setEntry(String alias, PrivateKey key, List<X509Certificate> chain) {
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
    }

    private void deleteEntry(String alias) {
        try {
            keyStore.deleteEntry(alias);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void save() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            keyStore.store(out, password);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot write the keystore", e);
        }
        write("identity.p12", out.toByteArray());
    }

    private void write(String name, byte[] content) {
        try {
            ProtectedFiles.write(directory.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + name, e);
        }
    }
}
