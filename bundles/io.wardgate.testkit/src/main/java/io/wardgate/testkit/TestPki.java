package io.wardgate.testkit;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority for tests and the demo: EC P-256 keys, ES256 signatures, made
 * fresh in memory each time. Never use one outside tests and the demo.
 */
public final class TestPki {
    private static final Duration SKEW = Duration.ofMinutes(10);

    private final String name;
    private final KeyPair caKeys;
    private final X509Certificate caCertificate;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong serials = new AtomicLong(1);

    private TestPki(String name, KeyPair caKeys, X509Certificate caCertificate) {
        this.name = name;
        this.caKeys = caKeys;
        this.caCertificate = caCertificate;
    }

    /** A new CA named "CN=&lt;name&gt;", valid from ten minutes ago for a year. */
    public static TestPki create(String name) {
        try {
            KeyPair keys = newKeyPair();
            X500Name subject = new X500Name("CN=" + name + ",O=WardGate test");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, BigInteger.ONE,
                    Date.from(now.minus(SKEW)), Date.from(now.plus(Duration.ofDays(365))), subject, keys.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
            X509Certificate ca = toCertificate(builder.build(signer(keys)));
            return new TestPki(name, keys, ca);
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make the test CA", e);
        }
    }

    public String name() {
        return name;
    }

    public X509Certificate caCertificate() {
        return caCertificate;
    }

    /** A TLS server certificate for localhost and 127.0.0.1 (plus any further DNS names), valid now. */
    public Issued server(String commonName, String... extraDnsNames) {
        List<String> dns = new ArrayList<>(List.of("localhost"));
        dns.addAll(List.of(extraDnsNames));
        return issue(Profile.server(commonName, dns, List.of("127.0.0.1")), validNow());
    }

    /** A TLS server certificate naming only the given DNS name (for wrong-hostname tests). */
    public Issued serverFor(String dnsName) {
        return issue(Profile.server(dnsName, List.of(dnsName), List.of()), validNow());
    }

    /** A TLS client certificate whose CN is the given name (mosquitto's use_identity_as_username). */
    public Issued client(String commonName) {
        return issue(Profile.client(commonName), validNow());
    }

    /** A certificate that expired yesterday. */
    public Issued expired(Profile profile) {
        Instant now = Instant.now();
        return issue(profile, new Validity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))));
    }

    public Issued issue(Profile profile, Validity validity) {
        return issue(profile, validity, null, null);
    }

    /**
     * A certificate valid now that names where its revocation status is found: a CRL distribution point
     * and/or an OCSP responder (either may be null).
     */
    public Issued issueRevocable(Profile profile, java.net.URI crlDistributionPoint, java.net.URI ocspResponder) {
        return issue(profile, validNow(), crlDistributionPoint, ocspResponder);
    }

    private Issued issue(Profile profile, Validity validity, java.net.URI crl, java.net.URI ocsp) {
        KeyPair keys;
        try {
            keys = newKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a test key pair", e);
        }
        X509Certificate certificate = certify(keys.getPublic(), profile, validity, crl, ocsp);
        return new Issued(certificate, keys.getPrivate(), List.of(certificate, caCertificate));
    }

    /**
     * Signs a PKCS#10 request (PEM), as a hospital CA signs a gateway's: a client certificate for the
     * request's key, valid for a year, with the given common name. Returns the chain, leaf first.
     */
    public List<X509Certificate> signRequest(String pem, String commonName) {
        try (org.bouncycastle.openssl.PEMParser parser = new org.bouncycastle.openssl.PEMParser(
                new java.io.StringReader(pem))) {
            Object parsed = parser.readObject();
            if (!(parsed instanceof org.bouncycastle.pkcs.PKCS10CertificationRequest request)) {
                throw new IllegalArgumentException("not a PKCS#10 request");
            }
            java.security.PublicKey key = new org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest(request)
                    .getPublicKey();
            Instant now = Instant.now();
            X509Certificate leaf = certify(key, Profile.client(commonName),
                    new Validity(now.minus(SKEW), now.plus(Duration.ofDays(365))), null, null);
            return List.of(leaf, caCertificate);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the request", e);
        }
    }

    private X509Certificate certify(java.security.PublicKey publicKey, Profile profile, Validity validity,
            java.net.URI crl, java.net.URI ocsp) {
        try {
            KeyPair keys = new KeyPair(publicKey, null);
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caCertificate,
                    BigInteger.valueOf(serials.incrementAndGet()).shiftLeft(64).or(new BigInteger(63, random)),
                    Date.from(validity.notBefore()), Date.from(validity.notAfter()),
                    new X500Name("CN=" + profile.commonName() + ",O=WardGate test"), keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    profile.server() ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(caCertificate));
            List<GeneralName> names = new ArrayList<>();
            profile.dnsNames().forEach(dns -> names.add(new GeneralName(GeneralName.dNSName, dns)));
            profile.ipAddresses().forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
            if (!names.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.toArray(GeneralName[]::new)));
            }
            if (crl != null) {
                GeneralNames point = new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier,
                        crl.toString()));
                builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
                    new DistributionPoint(new DistributionPointName(point), null, null)}));
            }
            if (ocsp != null) {
                builder.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                        AccessDescription.id_ad_ocsp, new GeneralName(GeneralName.uniformResourceIdentifier,
                                ocsp.toString())));
            }
            return toCertificate(builder.build(signer(caKeys)));
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue a test certificate", e);
        }
    }

    /** A CRL of this CA, valid for a day, revoking the given certificates. */
    public X509CRL crl(X509Certificate... revoked) {
        Instant now = Instant.now();
        return crl(now.minus(SKEW), now.plus(Duration.ofDays(1)), revoked);
    }

    /** A CRL of this CA issued at {@code thisUpdate}, due again at {@code nextUpdate}, revoking the given certificates. */
    public X509CRL crl(Instant thisUpdate, Instant nextUpdate, X509Certificate... revoked) {
        try {
            Instant now = thisUpdate;
            X509v2CRLBuilder builder = new X509v2CRLBuilder(
                    new X509CertificateHolder(caCertificate.getEncoded()).getSubject(), Date.from(thisUpdate));
            builder.setNextUpdate(Date.from(nextUpdate));
            for (X509Certificate certificate : revoked) {
                builder.addCRLEntry(certificate.getSerialNumber(), Date.from(now), CRLReason.keyCompromise);
            }
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(caCertificate));
            builder.addExtension(Extension.cRLNumber, false, new org.bouncycastle.asn1.x509.CRLNumber(
                    BigInteger.valueOf(serials.incrementAndGet())));
            X509CRLHolder holder = builder.build(signer(caKeys));
            return new JcaX509CRLConverter().getCRL(holder);
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make a test CRL", e);
        }
    }

    /** The CA itself (certificate and private key), for tests that sign as the CA (OCSP responses). */
    public Issued authority() {
        return new Issued(caCertificate, caKeys.getPrivate(), List.of(caCertificate));
    }

    /** Writes the CA certificate as PEM. */
    public Path writeCaPem(Path file) {
        Pem.writeCertificates(file, List.of(caCertificate));
        return file;
    }

    public Path writeCrlPem(Path file, X509Certificate... revoked) {
        Pem.writeCrl(file, crl(revoked));
        return file;
    }

    static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        return generator.generateKeyPair();
    }

    private static ContentSigner signer(KeyPair keys) throws OperatorCreationException {
        return new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
    }

    private static X509Certificate toCertificate(X509CertificateHolder holder) throws GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    private static Validity validNow() {
        Instant now = Instant.now();
        return new Validity(now.minus(SKEW), now.plus(Duration.ofDays(30)));
    }

    /** What a certificate is for and whom it names. */
    public record Profile(String commonName, boolean server, List<String> dnsNames, List<String> ipAddresses) {
        public static Profile server(String commonName, List<String> dnsNames, List<String> ipAddresses) {
            return new Profile(commonName, true, List.copyOf(dnsNames), List.copyOf(ipAddresses));
        }

        public static Profile client(String commonName) {
            return new Profile(commonName, false, List.of(), List.of());
        }
    }

    public record Validity(Instant notBefore, Instant notAfter) {
    }
}
