package io.wardgate.seal.identity;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Key pairs, CSRs, placeholder certificates, PEM and chain checks, from BC's PKIX API and the JDK. */
public final class Certificates {
    static final String SIGNATURE = "SHA256withECDSA";

    private Certificates() {
    }

    public static KeyPair newKeyPair(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM lacks EC P-256", e);
        }
    }

    static X500Principal subject(String gatewayId) {
        return new X500Principal(new X500Name("CN=" + gatewayId).toString());
    }

    /**
     * A self-signed certificate that only lets PKCS#12 hold the key before the CA issued one.
     * Nobody trusts it: it is never handed out as the gateway's chain.
     */
    static X509Certificate placeholder(KeyPair pair, String gatewayId, SecureRandom random, Clock clock) {
        return placeholder(pair, gatewayId, random, clock, Optional.empty());
    }

    /** As above, signed through {@code provider} when the key lives in a token. */
    static X509Certificate placeholder(KeyPair pair, String gatewayId, SecureRandom random, Clock clock,
            Optional<Provider> provider) {
        Instant now = clock.instant();
        X500Principal name = subject(gatewayId);
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(random),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(3650))), name,
                    pair.getPublic());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer(pair, random, provider)));
        } catch (CertificateException e) {
            throw new IllegalStateException("cannot make the placeholder certificate", e);
        }
    }

    /** A positive 64-bit serial from the SecureRandom (not BigInteger(int, Random): the build check bans that type). */
    private static BigInteger serial(SecureRandom random) {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return new BigInteger(1, bytes);
    }

    static boolean isPlaceholder(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
    }

    /** A PKCS#10 request, PEM, subject CN = gateway id, signed with the key (proof of possession). */
    static String csr(KeyPair pair, String gatewayId, SecureRandom random) {
        return csr(pair, gatewayId, random, Optional.empty());
    }

    /** As above, signed through {@code provider} when the key lives in a token. */
    static String csr(KeyPair pair, String gatewayId, SecureRandom random, Optional<Provider> provider) {
        PKCS10CertificationRequest request = new JcaPKCS10CertificationRequestBuilder(subject(gatewayId),
                pair.getPublic()).build(signer(pair, random, provider));
        return pem(request);
    }

    private static ContentSigner signer(KeyPair pair, SecureRandom random, Optional<Provider> provider) {
        try {
            JcaContentSignerBuilder builder = new JcaContentSignerBuilder(SIGNATURE).setSecureRandom(random);
            provider.ifPresent(builder::setProvider);
            return builder.build(pair.getPrivate());
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign with the gateway key", e);
        }
    }

    public static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write PEM", e);
        }
        return out.toString();
    }

    public static String pem(Collection<X509Certificate> certificates) {
        StringBuilder out = new StringBuilder();
        certificates.forEach(certificate -> out.append(pem((Object) certificate)));
        return out.toString();
    }

    /** Every certificate in PEM (or DER) bytes, in order. */
    public static List<X509Certificate> readCertificates(byte[] bytes) {
        try {
            List<X509Certificate> out = new ArrayList<>();
            for (java.security.cert.Certificate certificate : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bytes))) {
                out.add((X509Certificate) certificate);
            }
            return out;
        } catch (CertificateException e) {
            throw new IllegalArgumentException("not X.509 certificates in PEM or DER", e);
        }
    }

    /** A public key from PEM: a certificate's, or a bare SubjectPublicKeyInfo ("PUBLIC KEY"). */
    public static PublicKey readPublicKey(byte[] pem) {
        try (PEMParser parser = new PEMParser(new StringReader(new String(pem, StandardCharsets.US_ASCII)))) {
            Object object = parser.readObject();
            if (object instanceof X509CertificateHolder holder) {
                return new JcaX509CertificateConverter().getCertificate(holder).getPublicKey();
            }
            if (object instanceof SubjectPublicKeyInfo info) {
                return new JcaPEMKeyConverter().getPublicKey(info);
            }
            throw new IllegalArgumentException("PEM holds neither a certificate nor a public key");
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException("unreadable PEM public key", e);
        }
    }

    /** The CN of a certificate's subject, or empty. */
    public static String commonName(X509Certificate certificate) {
        RDN[] names = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.CN);
        return names.length == 1 ? IETFUtils.valueToString(names[0].getFirst().getValue()) : "";
    }

    public static boolean isP256(PublicKey key) {
        return key instanceof ECPublicKey ec && ec.getParams().getCurve().getField().getFieldSize() == 256;
    }

    /**
     * Validates a chain (leaf first) up to one of the anchors at {@code at}, with PKIX path
     * validation; revocation is checked where the caller configured CRLs, here it is off because
     * the gateway has no CRL source of its own.
     */
    public static void validate(List<X509Certificate> chain, Collection<X509Certificate> anchors, Instant at) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("the chain is empty");
        }
        if (anchors.isEmpty()) {
            throw new IllegalArgumentException("no trust anchor is installed");
        }
        try {
            Set<TrustAnchor> trust = new HashSet<>();
            anchors.forEach(anchor -> trust.add(new TrustAnchor(anchor, null)));
            List<X509Certificate> path = new ArrayList<>(chain);
            if (path.size() > 1 && anchors.contains(path.get(path.size() - 1))) {
                path.remove(path.size() - 1);
            }
            PKIXParameters parameters = new PKIXParameters(trust);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(at));
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the chain does not lead to a trust anchor: " + e.getMessage(), e);
        }
    }
}
