package io.wardgate.manage.client;

import io.wardgate.shared.tls.KeyManagers;
import io.wardgate.shared.tls.RevocationChecker;
import io.wardgate.shared.tls.RevocationSettings;
import io.wardgate.shared.tls.TlsPolicy;
import io.wardgate.shared.tls.TrustAnchors;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509KeyManager;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/** Reading IT's keys and certificates: PEM (PKCS#8 keys, also encrypted; X.509 certificates, public keys) and PKCS#12. */
public final class AdminKeys {
    private static final int MAX_FILE_BYTES = 256 * 1024;
    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private AdminKeys() {
    }

    /** The certificates of a PEM file, in order. */
    public static List<X509Certificate> certificates(Path pem) throws IOException {
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (byte[] der : blocks(pem, "CERTIFICATE")) {
                out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (GeneralSecurityException e) {
            throw new IOException(pem + ": unreadable certificate", e);
        }
        if (out.isEmpty()) {
            throw new IOException(pem + ": no PEM certificate");
        }
        return out;
    }

    /** An unencrypted PKCS#8 EC private key ("BEGIN PRIVATE KEY", as openssl genpkey writes). */
    public static PrivateKey privateKey(Path pem) throws IOException {
        return privateKey(pem, () -> {
            throw new IOException(pem + " is encrypted: a password is needed");
        });
    }

    /** Where the password of an encrypted key comes from (a file or a prompt, never an argument). */
    @FunctionalInterface
    public interface Password {
        /** The password; the caller wipes the array after use. */
        char[] read() throws IOException;
    }

    /**
     * A PKCS#8 EC private key, unencrypted ("BEGIN PRIVATE KEY") or encrypted ("BEGIN ENCRYPTED PRIVATE KEY",
     * PBES2 as {@code openssl genpkey -aes-256-cbc} or {@code openssl pkcs8 -topk8 -v2 aes-256-cbc} writes);
     * {@code password} is asked only for an encrypted key. Errors never contain the password.
     */
    public static PrivateKey privateKey(Path pem, Password password) throws IOException {
        List<byte[]> plain = blocks(pem, "PRIVATE KEY");
        List<byte[]> encrypted = blocks(pem, "ENCRYPTED PRIVATE KEY");
        if (plain.size() + encrypted.size() != 1) {
            throw new IOException(pem + ": expected one PKCS#8 key (BEGIN PRIVATE KEY or BEGIN ENCRYPTED PRIVATE KEY)");
        }
        byte[] der = plain.isEmpty() ? decrypt(pem, encrypted.get(0), password) : plain.get(0);
        try {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IOException(pem + ": not an EC private key", e);
        } finally {
            java.util.Arrays.fill(der, (byte) 0);
        }
    }

    private static byte[] decrypt(Path pem, byte[] der, Password password) throws IOException {
        char[] secret = password.read();
        try {
            // BC's provider by instance (not installed globally): PBES2 names its cipher AES/CBC/PKCS7Padding.
            InputDecryptorProvider decryptor = new JceOpenSSLPKCS8DecryptorProviderBuilder()
                    .setProvider(new BouncyCastleProvider()).build(secret);
            return new PKCS8EncryptedPrivateKeyInfo(der).decryptPrivateKeyInfo(decryptor).getEncoded();
        } catch (OperatorCreationException | PKCSException | RuntimeException e) {
            throw new IOException(pem + ": cannot decrypt the key (wrong password or unsupported encryption: "
                    + e.getMessage() + ")");
        } finally {
            java.util.Arrays.fill(secret, '\0');
        }
    }

    /** The public key of a PEM file holding a certificate or a public key (BEGIN PUBLIC KEY). */
    public static PublicKey publicKey(Path pem) throws IOException {
        List<byte[]> keys = blocks(pem, "PUBLIC KEY");
        if (!keys.isEmpty()) {
            try {
                return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(keys.get(0)));
            } catch (GeneralSecurityException e) {
                throw new IOException(pem + ": not an EC public key", e);
            }
        }
        return certificates(pem).get(0).getPublicKey();
    }

    /**
     * A client context by WardGate's TLS policy presenting a PKCS#12 key and chain, trusting only {@code anchors},
     * with revocation checked (CRLs and OCSP the certificates name, kept in memory).
     */
    public static SSLContext tls(Path pkcs12, char[] password, List<X509Certificate> anchors) throws IOException {
        return tls(pkcs12, password, anchors, defaultRevocation());
    }

    public static SSLContext tls(Path pkcs12, char[] password, List<X509Certificate> anchors,
            RevocationChecker revocation) throws IOException {
        try {
            return context(KeyManagers.pkcs12(pkcs12, password), anchors, revocation);
        } catch (GeneralSecurityException e) {
            throw new IOException(pkcs12 + ": unreadable PKCS#12 or wrong password", e);
        }
    }

    /** As {@link #tls(Path, char[], List)}, from a PEM key (PKCS#8) and certificate chain. */
    public static SSLContext tls(Path keyPem, Path chainPem, List<X509Certificate> anchors) throws IOException {
        return tls(keyPem, chainPem, anchors, defaultRevocation());
    }

    public static SSLContext tls(Path keyPem, Path chainPem, List<X509Certificate> anchors,
            RevocationChecker revocation) throws IOException {
        try {
            return context(KeyManagers.of(privateKey(keyPem), certificates(chainPem)), anchors, revocation);
        } catch (GeneralSecurityException e) {
            throw new IOException("client key and certificate unusable: " + e.getMessage(), e);
        }
    }

    private static RevocationChecker defaultRevocation() {
        return new RevocationChecker(RevocationSettings.inMemory(), List.of(), Clock.systemUTC());
    }

    private static SSLContext context(X509KeyManager keys, List<X509Certificate> anchors,
            RevocationChecker revocation) throws GeneralSecurityException {
        return TlsPolicy.context(new KeyManager[] {keys}, TrustAnchors.trustManagers(anchors, revocation));
    }

    private static List<byte[]> blocks(Path pem, String type) throws IOException {
        if (Files.size(pem) > MAX_FILE_BYTES) {
            throw new IOException(pem + ": larger than " + MAX_FILE_BYTES + " bytes");
        }
        // PEM is ASCII; ISO-8859-1 never fails to decode, so a wrong file gets "no PEM ..." rather than a charset error.
        String text = Files.readString(pem, StandardCharsets.ISO_8859_1);
        List<byte[]> out = new ArrayList<>();
        Matcher block = BLOCK.matcher(text);
        while (block.find()) {
            if (block.group(1).equals(type)) {
                out.add(Base64.getMimeDecoder().decode(block.group(2)));
            }
        }
        return out;
    }
}
