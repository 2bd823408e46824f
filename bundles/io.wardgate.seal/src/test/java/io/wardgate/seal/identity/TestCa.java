package io.wardgate.seal.identity;

import java.io.StringReader;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/** A throw-away CA for tests: issues gateway and backend certificates. Keys made fresh each run. */
public final class TestCa {
    private final SecureRandom random = new SecureRandom();
    private final KeyPair key = Certificates.newKeyPair(random);
    private final X509Certificate certificate;
    private final String name;

    public TestCa(String name) {
        this.name = name;
        this.certificate = issue(new X500Name("CN=" + name), key.getPublic(), true, Duration.ofDays(3650));
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** Issues a leaf certificate for the key and subject of a PEM PKCS#10 request. */
    public X509Certificate sign(String csrPem) {
        try (PEMParser parser = new PEMParser(new StringReader(csrPem))) {
            PKCS10CertificationRequest request = (PKCS10CertificationRequest) parser.readObject();
            PublicKey publicKey = new JcaPEMKeyConverter().getPublicKey(request.getSubjectPublicKeyInfo());
            return issue(request.getSubject(), publicKey, false, Duration.ofDays(365));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public X509Certificate issue(String subject, PublicKey publicKey) {
        return issue(new X500Name(subject), publicKey, false, Duration.ofDays(365));
    }

    /** A TLS server certificate for localhost (DNS and IP subject alternative names). */
    public X509Certificate issueServer(PublicKey publicKey) {
        return issue(new X500Name("CN=localhost"), publicKey, false, Duration.ofDays(30), true);
    }

    private X509Certificate issue(X500Name subject, PublicKey publicKey, boolean ca, Duration validity) {
        return issue(subject, publicKey, ca, validity, false);
    }

    private X509Certificate issue(X500Name subject, PublicKey publicKey, boolean ca, Duration validity,
            boolean server) {
        try {
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name("CN=" + name),
                    new BigInteger(64, random), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(validity)), subject, publicKey);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (server) {
                builder.addExtension(Extension.subjectAlternativeName, false, new org.bouncycastle.asn1.x509.GeneralNames(
                        new org.bouncycastle.asn1.x509.GeneralName[] {
                            new org.bouncycastle.asn1.x509.GeneralName(org.bouncycastle.asn1.x509.GeneralName.dNSName,
                                    "localhost"),
                            new org.bouncycastle.asn1.x509.GeneralName(org.bouncycastle.asn1.x509.GeneralName.iPAddress,
                                    "127.0.0.1")}));
            }
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(ca
                    ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                    : KeyUsage.digitalSignature | KeyUsage.keyAgreement));
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
