package io.wardgate.manage.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Reading IT's keys and certificates: PEM (PKCS#8 keys, X.509 certificates, public keys) and PKCS#12. */
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
        List<byte[]> der = blocks(pem, "PRIVATE KEY");
        if (der.size() != 1) {
            throw new IOException(pem + ": expected one unencrypted PKCS#8 key (BEGIN PRIVATE KEY); convert with"
                    + " openssl pkcs8 -topk8 -nocrypt");
        }
        try {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der.get(0)));
        } catch (GeneralSecurityException e) {
            throw new IOException(pem + ": not an EC private key", e);
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

    /** TLS 1.2/1.3 client context presenting a PKCS#12 key and chain, trusting only {@code anchors}. */
    public static SSLContext tls(Path pkcs12, char[] password, List<X509Certificate> anchors) throws IOException {
        try (InputStream in = Files.newInputStream(pkcs12)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return context(store, password, anchors);
        } catch (GeneralSecurityException e) {
            throw new IOException(pkcs12 + ": unreadable PKCS#12 or wrong password", e);
        }
    }

    /** TLS client context presenting a PEM key (PKCS#8) and certificate chain, trusting only {@code anchors}. */
    public static SSLContext tls(Path keyPem, Path chainPem, List<X509Certificate> anchors) throws IOException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = new char[0];
            store.setKeyEntry("client", privateKey(keyPem), password,
                    certificates(chainPem).toArray(new X509Certificate[0]));
            return context(store, password, anchors);
        } catch (GeneralSecurityException e) {
            throw new IOException("client key and certificate unusable: " + e.getMessage(), e);
        }
    }

    private static SSLContext context(KeyStore keys, char[] password, List<X509Certificate> anchors)
            throws GeneralSecurityException, IOException {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        for (int i = 0; i < anchors.size(); i++) {
            trust.setCertificateEntry("anchor-" + i, anchors.get(i));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS"); // JDK 17 enables only TLS 1.3 and 1.2 by default
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new java.security.SecureRandom());
        return context;
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
