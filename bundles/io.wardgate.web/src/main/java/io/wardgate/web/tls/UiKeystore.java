package io.wardgate.web.tls;

import io.wardgate.api.secrets.SecretBox;
import io.wardgate.api.secrets.SecretException;
import io.wardgate.shared.files.DurableFiles;
import io.wardgate.web.auth.Secrets;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The web UI's own TLS key and certificate: EC P-256, self-signed, in a PKCS#12 file (0600 in a
 * 0700 directory) whose password is random and kept beside it (0600), sealed with the gateway's
 * secrets service (never in clear at rest; a clear file from before is sealed in place when it is
 * opened, see {@link #sealedAtOpen()}). Made on first start, replaced on rotation. An operator may instead point the configuration at a keystore holding a
 * hospital-issued certificate (docs/operations.md).
 */
public final class UiKeystore {
    public static final String ALIAS = "wardgate-ui";
    static final Duration VALIDITY = Duration.ofDays(825);
    private static final Pattern DNS = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*");

    /** Where the keystore is and how to open it. Never logged. */
    public record Material(Path keystore, String password) {
        @Override
        public String toString() {
            return "Material[" + keystore + "]";
        }
    }

    /** What the password file's sealed value is bound to. */
    static final String SEAL_PID = "io.wardgate.web.WebConsole";
    static final String SEAL_PROPERTY = "tls/ui-keystore.pass";

    private final Path dir;
    private final Secrets secrets;
    private final Clock clock;
    private final SecretBox box;
    private volatile boolean sealedAtOpen;

    public UiKeystore(Path dir, Secrets secrets, Clock clock, SecretBox box) {
        this.dir = dir;
        this.secrets = secrets;
        this.clock = clock;
        this.box = box;
    }

    /** Whether {@link #ensure} found the password in clear (an older installation) and sealed it in place. */
    public boolean sealedAtOpen() {
        return sealedAtOpen;
    }

    public Path keystorePath() {
        return dir.resolve("ui-keystore.p12");
    }

    private Path passwordPath() {
        return dir.resolve("ui-keystore.pass");
    }

    /** The existing material, or new material made now. */
    public Material ensure(List<String> names) throws IOException, GeneralSecurityException {
        if (Files.isRegularFile(keystorePath()) && Files.isRegularFile(passwordPath())) {
            String stored = Files.readString(passwordPath(), StandardCharsets.UTF_8).strip();
            if (!SecretBox.isSealed(stored)) {
                DurableFiles.writePrivate(passwordPath(), box.seal(SEAL_PID, SEAL_PROPERTY, stored).getBytes(StandardCharsets.UTF_8));
                sealedAtOpen = true;
                return new Material(keystorePath(), stored);
            }
            try {
                return new Material(keystorePath(), box.open(SEAL_PID, SEAL_PROPERTY, stored));
            } catch (SecretException e) {
                throw new IOException("the web UI keystore's password file " + passwordPath() + " does not open: "
                        + e.getMessage());
            }
        }
        return rotate(names);
    }

    /** A new key pair and certificate under a new password, replacing the old ones. */
    public Material rotate(List<String> names) throws IOException, GeneralSecurityException {
        DurableFiles.privateDirectory(dir);
        String password = secrets.token(32);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        KeyPair pair = generator.generateKeyPair();
        X509Certificate certificate = selfSigned(pair, names);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(ALIAS, pair.getPrivate(), password.toCharArray(), new X509Certificate[] {certificate});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, password.toCharArray());
        // Password first: a crash between the two writes leaves a keystore no password opens, which
        // ensure() cannot tell from a good one, so the next start would fail loudly rather than silently.
        DurableFiles.writePrivate(passwordPath(), box.seal(SEAL_PID, SEAL_PROPERTY, password).getBytes(StandardCharsets.UTF_8));
        DurableFiles.writePrivate(keystorePath(), out.toByteArray());
        return new Material(keystorePath(), password);
    }

    /** The certificate in the keystore, if it can be read. */
    public static Optional<X509Certificate> certificate(Material material) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(Files.readAllBytes(material.keystore())), material.password().toCharArray());
            for (String alias : java.util.Collections.list(store.aliases())) {
                if (store.getCertificate(alias) instanceof X509Certificate c) {
                    return Optional.of(c);
                }
            }
            return Optional.empty();
        } catch (IOException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private X509Certificate selfSigned(KeyPair pair, List<String> names) throws GeneralSecurityException, IOException {
        Instant now = clock.instant();
        X500Name subject = new X500Name("CN=WardGate web UI,O=WardGate");
        List<GeneralName> alt = new ArrayList<>();
        for (String name : names) {
            if (name.matches("[0-9.]+|[0-9a-fA-F:]+") && name.contains(".") != name.contains(":")) {
                alt.add(new GeneralName(GeneralName.iPAddress, InetAddress.getByName(name).getHostAddress()));
            } else if (DNS.matcher(name).matches()) {
                alt.add(new GeneralName(GeneralName.dNSName, name));
            }
        }
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                new BigInteger(1, secrets.bytes(16)), Date.from(now.minus(Duration.ofMinutes(5))),
                Date.from(now.plus(VALIDITY)), subject, pair.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        if (!alt.isEmpty()) {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alt.toArray(GeneralName[]::new)));
        }
        try {
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign the UI certificate", e);
        }
    }
}
