package io.wardgate.seal.keystore;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificate stored beside the token's wrapping key: SunPKCS11's key store lists a private key only
 * with a certificate, and carries its public half this way. Nobody trusts it and nobody checks its
 * signature (a throwaway software key's), so the wrapping key never signs anything.
 */
final class WrappingKeyCertificate {
    private WrappingKeyCertificate() {
    }

    static X509Certificate of(PublicKey publicKey, String label, SecureRandom random) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        KeyPair throwaway = generator.generateKeyPair();
        // Fixed dates: the certificate's validity means nothing here, and no clock is needed.
        Date from = Date.from(Instant.parse("2020-01-01T00:00:00Z"));
        Date to = Date.from(Instant.parse("9999-12-31T23:59:59Z"));
        try {
            return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                    new X500Name("CN=throwaway issuer"), serial(random), from, to,
                    new X500Name("CN=" + label), publicKey)
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(throwaway.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot make the wrapping key's certificate", e);
        }
    }

    /** A positive 63-bit serial from the secure generator (bytes, not BigInteger's Random-typed constructor). */
    private static BigInteger serial(SecureRandom random) {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        bytes[0] &= 0x7F;
        return new BigInteger(1, bytes).add(BigInteger.ONE);
    }
}
