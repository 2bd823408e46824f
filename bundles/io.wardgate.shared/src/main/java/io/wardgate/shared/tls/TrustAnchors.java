package io.wardgate.shared.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trust in configured CA certificates only (never the system trust store): JSSE's PKIX validation and
 * endpoint identification, then our {@link RevocationChecker} on the validated path.
 */
public final class TrustAnchors {
    private static final long MAX_PEM_BYTES = 1024 * 1024;

    private TrustAnchors() {
    }

    /** The certificates of a PEM (or DER) file of CA certificates; none, or more than 1 MiB, is an error. */
    public static List<X509Certificate> read(Path file) throws IOException, GeneralSecurityException {
        if (Files.size(file) > MAX_PEM_BYTES) {
            throw new GeneralSecurityException("the trust anchors file " + file + " is larger than 1 MiB");
        }
        List<X509Certificate> out = new ArrayList<>();
        for (Certificate certificate : CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(file)))) {
            out.add((X509Certificate) certificate);
        }
        if (out.isEmpty()) {
            throw new GeneralSecurityException("no CA certificate in the trust anchors file " + file);
        }
        return out;
    }

    /** Trust managers for {@link TlsPolicy#context}: the anchors, and revocation as {@code revocation} checks. */
    public static TrustManager[] trustManagers(Collection<X509Certificate> anchors, RevocationChecker revocation)
            throws GeneralSecurityException {
        return new TrustManager[] {trustManager(anchors, revocation)};
    }

    public static X509ExtendedTrustManager trustManager(Collection<X509Certificate> anchors,
            RevocationChecker revocation) throws GeneralSecurityException {
        Set<TrustAnchor> trust = new HashSet<>();
        anchors.forEach(ca -> trust.add(new TrustAnchor(ca, null)));
        if (trust.isEmpty()) {
            throw new GeneralSecurityException("no trust anchor configured");
        }
        PKIXBuilderParameters parameters = new PKIXBuilderParameters(trust, new X509CertSelector());
        parameters.setRevocationEnabled(false); // ours comes after JSSE's checks, with caching and grace
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(new CertPathTrustManagerParameters(parameters));
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager pkix) {
                return new Checked(pkix, trust, revocation);
            }
        }
        throw new GeneralSecurityException("the JDK has no PKIX trust manager");
    }

    /** The path from {@code chain}'s leaf to one of {@code anchors} (anchor excluded), and that anchor. */
    static PKIXCertPathBuilderResult path(X509Certificate[] chain, Set<TrustAnchor> anchors)
            throws GeneralSecurityException {
        X509CertSelector target = new X509CertSelector();
        target.setCertificate(chain[0]);
        PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, target);
        parameters.setRevocationEnabled(false);
        parameters.addCertStore(CertStore.getInstance("Collection",
                new CollectionCertStoreParameters(Arrays.asList(chain))));
        return (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(parameters);
    }

    private static final class Checked extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager pkix;
        private final Set<TrustAnchor> anchors;
        private final RevocationChecker revocation;

        Checked(X509ExtendedTrustManager pkix, Set<TrustAnchor> anchors, RevocationChecker revocation) {
            this.pkix = pkix;
            this.anchors = anchors;
            this.revocation = revocation;
        }

        private void revocation(X509Certificate[] chain) throws CertificateException {
            if (!revocation.enabled()) {
                return;
            }
            PKIXCertPathBuilderResult result;
            try {
                result = path(chain, anchors);
            } catch (GeneralSecurityException e) {
                throw new CertificateException("no path to a trust anchor: " + e.getMessage(), e);
            }
            @SuppressWarnings("unchecked")
            List<X509Certificate> certificates = (List<X509Certificate>) result.getCertPath().getCertificates();
            revocation.check(certificates, result.getTrustAnchor().getTrustedCert());
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            pkix.checkClientTrusted(chain, authType, socket);
            revocation(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            pkix.checkServerTrusted(chain, authType, socket);
            revocation(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            pkix.checkClientTrusted(chain, authType, engine);
            revocation(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            pkix.checkServerTrusted(chain, authType, engine);
            revocation(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            pkix.checkClientTrusted(chain, authType);
            revocation(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            pkix.checkServerTrusted(chain, authType);
            revocation(chain);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return pkix.getAcceptedIssuers();
        }
    }
}
