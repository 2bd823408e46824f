package io.wardgate.uplink;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CRL;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509KeyManager;

/**
 * The TLS the uplink speaks, built by us and handed to Paho as a socket factory: the gateway's key
 * from its identity, trust anchors from a configured PEM file only (never the system trust store),
 * revocation from a configured CRL file, TLS 1.3 (1.2 only with ECDHE + AEAD suites when allowed),
 * and hostname verification on every socket.
 */
final class UplinkTls {
    static final String TLS13 = "TLSv1.3";
    static final String TLS12 = "TLSv1.2";
    static final List<String> TLS13_SUITES = List.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256",
            "TLS_CHACHA20_POLY1305_SHA256");
    /** TLS 1.2: forward secrecy (ECDHE) and authenticated encryption (GCM, ChaCha20-Poly1305) only. */
    static final List<String> TLS12_SUITES = List.of(
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private UplinkTls() {
    }

    static List<String> protocols(boolean allowTls12) {
        return allowTls12 ? List.of(TLS13, TLS12) : List.of(TLS13);
    }

    static List<String> cipherSuites(boolean allowTls12) {
        List<String> suites = new ArrayList<>(TLS13_SUITES);
        if (allowTls12) {
            suites.addAll(TLS12_SUITES);
        }
        return suites;
    }

    /** A socket factory for one connection attempt; files are read anew each time (renewed CRLs, anchors). */
    static SSLSocketFactory socketFactory(X509KeyManager keyManager, Path trustAnchors, Optional<Path> crlFile,
            boolean allowTls12) throws GeneralSecurityException, IOException {
        SSLContext context = SSLContext.getInstance(TLS13);
        context.init(new KeyManager[] {keyManager}, trustManagers(trustAnchors, crlFile), new SecureRandom());
        return new HardenedSocketFactory(context.getSocketFactory(), protocols(allowTls12), cipherSuites(allowTls12));
    }

    /** PKIX trust in the configured anchors only, with CRL revocation checking when a CRL file is configured. */
    static TrustManager[] trustManagers(Path trustAnchors, Optional<Path> crlFile)
            throws GeneralSecurityException, IOException {
        Set<TrustAnchor> anchors = new HashSet<>();
        for (Certificate certificate : read(trustAnchors)) {
            anchors.add(new TrustAnchor((X509Certificate) certificate, null));
        }
        if (anchors.isEmpty()) {
            throw new GeneralSecurityException("no CA certificate in the trust anchors file " + trustAnchors);
        }
        PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, new X509CertSelector());
        if (crlFile.isPresent()) {
            List<X509CRL> crls = readCrls(crlFile.get());
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(crls)));
            PKIXRevocationChecker checker = (PKIXRevocationChecker) CertPathBuilder.getInstance("PKIX")
                    .getRevocationChecker();
            // CRLs from the file only: no OCSP or CRL download (the gateway talks to nothing but its brokers).
            checker.setOptions(EnumSet.of(PKIXRevocationChecker.Option.PREFER_CRLS,
                    PKIXRevocationChecker.Option.NO_FALLBACK));
            parameters.setRevocationEnabled(true);
            parameters.addCertPathChecker(checker);
        } else {
            parameters.setRevocationEnabled(false);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(new CertPathTrustManagerParameters(parameters));
        return factory.getTrustManagers();
    }

    private static Collection<? extends Certificate> read(Path file) throws GeneralSecurityException,
            IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
    }

    private static List<X509CRL> readCrls(Path file) throws GeneralSecurityException, IOException {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509CRL> crls = new ArrayList<>();
            for (CRL crl : CertificateFactory.getInstance("X.509").generateCRLs(in)) {
                crls.add((X509CRL) crl);
            }
            if (crls.isEmpty()) {
                throw new GeneralSecurityException("no CRL in " + file);
            }
            return crls;
        }
    }
}
