package io.wardgate.audit.syslog;

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
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509KeyManager;

/**
 * The TLS the export speaks, the same as the uplink's (docs/security.md section 5): the gateway's key from its
 * identity, trust anchors only from the configured PEM file (never the system trust store), optional CRLs from
 * a file (no OCSP, no download), TLS 1.3 only unless TLS 1.2 is allowed, and then only ECDHE with AEAD suites,
 * endpoint identification on. RFC 9662 (updating RFC 5425's cipher suites) asks for TLS 1.2 or later.
 */
final class SyslogTls {
    static final String TLS13 = "TLSv1.3";
    static final String TLS12 = "TLSv1.2";
    static final List<String> TLS13_SUITES = List.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256",
            "TLS_CHACHA20_POLY1305_SHA256");
    static final List<String> TLS12_SUITES = List.of(
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private SyslogTls() {
    }

    /** A context for one connection attempt; the files are read anew each time (renewed anchors and CRLs). */
    static SSLContext context(X509KeyManager keyManager, Path trustAnchors, Optional<Path> crl)
            throws GeneralSecurityException, IOException {
        SSLContext context = SSLContext.getInstance(TLS13);
        KeyManager[] keys = keyManager == null ? new KeyManager[0] : new KeyManager[] {keyManager};
        context.init(keys, trustManagers(trustAnchors, crl), new SecureRandom());
        return context;
    }

    /** Our protocols and suites only, and the certificate must name {@code expectedName}. */
    static SSLParameters parameters(SSLParameters defaults, boolean allowTls12) {
        List<String> suites = new ArrayList<>(TLS13_SUITES);
        if (allowTls12) {
            suites.addAll(TLS12_SUITES);
        }
        defaults.setProtocols(allowTls12 ? new String[] {TLS13, TLS12} : new String[] {TLS13});
        defaults.setCipherSuites(suites.toArray(String[]::new));
        defaults.setEndpointIdentificationAlgorithm("HTTPS");
        return defaults;
    }

    private static TrustManager[] trustManagers(Path trustAnchors, Optional<Path> crlFile)
            throws GeneralSecurityException, IOException {
        Set<TrustAnchor> anchors = new HashSet<>();
        try (InputStream in = Files.newInputStream(trustAnchors)) {
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                anchors.add(new TrustAnchor((X509Certificate) certificate, null));
            }
        }
        if (anchors.isEmpty()) {
            throw new GeneralSecurityException("no CA certificate in the trust anchors file " + trustAnchors);
        }
        PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, new X509CertSelector());
        parameters.setRevocationEnabled(false);
        if (crlFile.isPresent()) {
            List<X509CRL> crls = new ArrayList<>();
            try (InputStream in = Files.newInputStream(crlFile.get())) {
                for (CRL crl : CertificateFactory.getInstance("X.509").generateCRLs(in)) {
                    crls.add((X509CRL) crl);
                }
            }
            if (crls.isEmpty()) {
                throw new GeneralSecurityException("no CRL in " + crlFile.get());
            }
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(crls)));
            PKIXRevocationChecker checker = (PKIXRevocationChecker) CertPathBuilder.getInstance("PKIX")
                    .getRevocationChecker();
            checker.setOptions(EnumSet.of(PKIXRevocationChecker.Option.PREFER_CRLS,
                    PKIXRevocationChecker.Option.NO_FALLBACK));
            parameters.setRevocationEnabled(true);
            parameters.addCertPathChecker(checker);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(new CertPathTrustManagerParameters(parameters));
        return factory.getTrustManagers();
    }
}
