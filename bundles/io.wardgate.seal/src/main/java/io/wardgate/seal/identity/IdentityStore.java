package io.wardgate.seal.identity;

import io.wardgate.shared.files.DurableFiles;
import io.wardgate.seal.admin.IdentityAdmin;
import io.wardgate.seal.envelope.RecipientKey;
import io.wardgate.seal.envelope.Es256Signer;
import io.wardgate.seal.envelope.SigningKey;
import io.wardgate.seal.keystore.KeyLocation;
import io.wardgate.seal.keystore.KeyStorage;
import io.wardgate.seal.keystore.KeyStorages;
import io.wardgate.shared.tls.ClientKey;
import io.wardgate.shared.tls.KeyManagers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.net.ssl.X509KeyManager;

/**
 * The gateway's identity, in a 0700 directory of 0600 files:
 * <ul>
 * <li>{@code gateway-id}: the id (configured, or generated once: "wg-" and 8 random hex digits)</li>
 * <li>the private keys in a {@link KeyStorage}: by default {@code identity.p12} (PKCS#12, PBES2 AES-256) with
 * its generated password in {@code identity.pass}; or a PKCS#11 token or TPM, where the keys are made and
 * stay. Either holds the active key and, during a rotation, the pending key, each with its chain.</li>
 * <li>{@code trust-anchors.pem}, {@code backend-<keyId>.pem}: CA certificates, backend keys</li>
 * </ul>
 * A key pair is generated on first start, on the unit: no key is ever shipped. Plain Java, no OSGi.
 */
public final class IdentityStore implements IdentityAdmin, AutoCloseable {
    static final String ACTIVE = "active";
    static final String PENDING = "pending";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final Path directory;
    private final SecureRandom random;
    private final Clock clock;
    private final String gatewayId;
    private final KeyStorage keys;
    private volatile SigningKey active;
    private volatile List<X509Certificate> anchors;
    /** Backend keys read from their files, dropped when one is installed; the sealer asks per batch. */
    private final java.util.concurrent.ConcurrentHashMap<String, Optional<RecipientKey>> backendKeys =
            new java.util.concurrent.ConcurrentHashMap<>();

    private IdentityStore(Path directory, SecureRandom random, Clock clock, String gatewayId, KeyStorage keys) {
        this.directory = directory;
        this.random = random;
        this.clock = clock;
        this.gatewayId = gatewayId;
        this.keys = keys;
    }

    /**
     * Opens the identity in {@code directory} with its keys in a PKCS#12 file there, creating it (id,
     * password, key pair) on first start.
     *
     * @param configuredId the configured gateway id, or empty to keep (or generate) the stored one
     */
    public static IdentityStore open(Path directory, String configuredId, SecureRandom random, Clock clock)
            throws IOException {
        return open(directory, configuredId, KeyLocation.file(), random, clock);
    }

    /** As above, with the private keys where {@code location} says (a file, a PKCS#11 token, a TPM). */
    public static IdentityStore open(Path directory, String configuredId, KeyLocation location, SecureRandom random,
            Clock clock) throws IOException {
        DurableFiles.privateDirectory(directory);
        String id = gatewayId(directory, configuredId, random);
        KeyStorage keys = KeyStorages.open(location, directory, id, random);
        try {
            IdentityStore store = new IdentityStore(directory, random, clock, id, keys);
            if (!keys.contains(ACTIVE)) {
                if (keys.contains(PENDING)) {
                    // A rotation stopped between erasing the old key and renaming the new one: finish it.
                    keys.put(ACTIVE, keys.privateKey(PENDING), keys.chain(PENDING));
                    if (keys.contains(PENDING)) {
                        keys.delete(PENDING);
                    }
                } else {
                    KeyPair pair = keys.generate();
                    keys.put(ACTIVE, pair.getPrivate(),
                            List.of(Certificates.placeholder(pair, id, random, clock, keys.provider())));
                }
            }
            store.anchors = store.readAnchors();
            store.active = store.signingKey(ACTIVE);
            return store;
        } catch (IOException | RuntimeException e) {
            keys.close();
            throw e;
        }
    }

    /** The gateway id kept in {@code directory} (made 0700): the configured one, or the one generated once. */
    public static String gatewayId(Path directory, String configuredId, SecureRandom random) throws IOException {
        DurableFiles.privateDirectory(directory);
        Path file = directory.resolve("gateway-id");
        if (!configuredId.isEmpty()) {
            if (!ID.matcher(configuredId).matches()) {
                throw new IllegalArgumentException("gateway id must be 1 to 64 letters, digits, '.', '_' or '-'");
            }
            if (!Files.exists(file) || !Files.readString(file).trim().equals(configuredId)) {
                DurableFiles.writePrivate(file, configuredId.getBytes(StandardCharsets.US_ASCII));
            }
            return configuredId;
        }
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        }
        byte[] suffix = new byte[4];
        random.nextBytes(suffix);
        String generated = "wg-" + HexFormat.of().formatHex(suffix);
        DurableFiles.writePrivate(file, generated.getBytes(StandardCharsets.US_ASCII));
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

    /** Where the private keys live (for logs and {@code wardgate check}). */
    public KeyLocation keyLocation() {
        return keys.location();
    }

    /** ES256 signatures with this identity's keys, made where the keys live. */
    public Es256Signer signer() {
        return keys.signer();
    }

    /** The active key and its issued chain at every handshake; nothing before a certificate is installed. */
    public X509KeyManager tlsKeyManager() {
        return KeyManagers.current(() -> {
            SigningKey key = active;
            return key.chain().isEmpty() ? null : new ClientKey(key.privateKey(), key.chain());
        });
    }

    /** Releases the token (a file needs nothing). */
    /** The wrapping key {@code alias} of the key storage; empty for a file (see {@link KeyStorage#wrapping}). */
    public Optional<io.wardgate.seal.keystore.KeyWrap> wrapping(String alias) {
        return keys.wrapping(alias);
    }

    @Override
    public void close() {
        keys.close();
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
        return Certificates.csr(keyPair(alias), gatewayId, random, keys.provider());
    }

    @Override
    public synchronized String beginRotation() {
        if (keys.contains(PENDING)) {
            keys.delete(PENDING);
        }
        KeyPair pair = keys.generate();
        keys.put(PENDING, pair.getPrivate(),
                List.of(Certificates.placeholder(pair, gatewayId, random, clock, keys.provider())));
        return Certificates.csr(pair, gatewayId, random, keys.provider());
    }

    @Override
    public synchronized boolean rotationPending() {
        return keys.contains(PENDING);
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
            PrivateKey next = keys.privateKey(PENDING);
            // The old key is erased first (a token would otherwise hold two keys named active); a crash in
            // between leaves only the pending key, which open() makes active.
            keys.delete(ACTIVE);
            keys.put(ACTIVE, next, copy);
            if (keys.contains(PENDING)) {
                keys.delete(PENDING);
            }
        } else if (leaf.getPublicKey().equals(active.publicKey())) {
            keys.put(ACTIVE, active.privateKey(), copy);
        } else {
            throw new IllegalArgumentException("the certificate is for neither the active nor the pending key");
        }
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
        List<X509Certificate> chain = keys.chain(alias);
        List<X509Certificate> issued = Certificates.isPlaceholder(chain.get(0)) ? List.of() : chain;
        return new SigningKey(keys.privateKey(alias), chain.get(0).getPublicKey(), issued);
    }

    private KeyPair keyPair(String alias) {
        return new KeyPair(keys.chain(alias).get(0).getPublicKey(), keys.privateKey(alias));
    }

    private void write(String name, byte[] content) {
        try {
            DurableFiles.writePrivate(directory.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + name, e);
        }
    }
}
