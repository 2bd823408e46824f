package io.wardgate.receiver;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/** Reads the receiver's keys and certificates from PEM files. */
public final class ReceiverKeys {
    private ReceiverKeys() {
    }

    /** An unencrypted PKCS#8 ("PRIVATE KEY") or SEC1 ("EC PRIVATE KEY") PEM private key. */
    public static PrivateKey privateKey(Path pem) throws IOException {
        try (Reader reader = Files.newBufferedReader(pem); PEMParser parser = new PEMParser(reader)) {
            Object object = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (object instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (object instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            throw new IOException(pem + " holds no unencrypted private key");
        }
    }

    public static List<X509Certificate> certificates(Path pem) throws IOException {
        try (InputStream in = Files.newInputStream(pem)) {
            List<X509Certificate> out = new ArrayList<>();
            CertificateFactory.getInstance("X.509").generateCertificates(in)
                    .forEach(c -> out.add((X509Certificate) c));
            return out;
        } catch (CertificateException e) {
            throw new IOException(pem + " holds no readable certificates", e);
        }
    }

    public static List<X509CRL> crls(Path pem) throws IOException {
        try (InputStream in = Files.newInputStream(pem)) {
            List<X509CRL> out = new ArrayList<>();
            CertificateFactory.getInstance("X.509").generateCRLs(in).forEach(c -> out.add((X509CRL) c));
            return out;
        } catch (CertificateException | CRLException e) {
            throw new IOException(pem + " holds no readable CRLs", e);
        }
    }

    /** Backend decryption keys from {@code KEYID=FILE} arguments (at least one). */
    public static java.util.Map<String, PrivateKey> backendKeys(List<String> specs) throws IOException {
        java.util.Map<String, PrivateKey> keys = new java.util.HashMap<>();
        for (String spec : specs) {
            int equals = spec.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("--backend-key wants KEYID=FILE");
            }
            keys.put(spec.substring(0, equals), privateKey(Path.of(spec.substring(equals + 1))));
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one --backend-key KEYID=FILE is needed");
        }
        return keys;
    }
}
